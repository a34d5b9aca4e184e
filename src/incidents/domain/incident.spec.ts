// Unit tests of the incident stream: evolve (events → state) and decide (state + command →
// events or DomainError). Reference case: Armenia's accusation of shelling near Kapan and
// Azerbaijan's counter-accusation about Terter and Agdam, 10 October 2020, as reported by AP
// via NewsClick, 10 Oct 2020; see test/support/domain-builders.ts.
import {
  aBreachDenied,
  aBreachReported,
  aCasualtiesRevised,
  anAttributionDetermined,
  aReportRetracted,
  aTerterStrikeReported,
  aVerificationChanged,
  casualties,
  incidentCommand,
  incidentFrom,
  KAPAN_INCIDENT_ID,
  recorded,
  ACTORS,
  refusal,
  REPORTER_KEY,
  TERTER_INCIDENT_ID,
  theTruce,
} from '../../../test/support/domain-builders';
import { decideIncident, evolveIncident, IncidentState, NOT_ATTRIBUTABLE, requireIncident } from './incident';
import { addCasualties, bestOf, emptyTotals, totalOf } from './value-objects';

const kapan = (): IncidentState => incidentFrom([aBreachReported()]);
const retractedKapan = (): IncidentState => incidentFrom([aBreachReported(), aReportRetracted()]);

describe('evolveIncident', () => {
  it('BreachReported starts the state: unverified, unattributed, undenied, not retracted', () => {
    const reported = aBreachReported();
    const state = evolveIncident(null, recorded(reported, { recordedAt: '2020-10-10T08:30:00.000Z', streamVersion: 1 }));

    expect(state).toEqual<IncidentState>({
      ...reported.data,
      reporterKey: REPORTER_KEY,
      verification: { status: 'unverified', history: [] },
      attribution: null,
      attributionHistory: [],
      denials: [],
      casualtyHistory: [{ casualties: reported.data.casualties, recordedAt: '2020-10-10T08:30:00.000Z' }],
      retracted: null,
      recordedAt: '2020-10-10T08:30:00.000Z',
      updatedAt: '2020-10-10T08:30:00.000Z',
      version: 1,
    });
  });

  it('ignores a non-initial event on an empty stream', () => {
    expect(evolveIncident(null, recorded(aBreachDenied()))).toBeNull();
  });

  it('BreachDenied appends the denial with its record time', () => {
    const state = incidentFrom([
      recorded(aBreachReported(), { streamVersion: 1 }),
      recorded(aBreachDenied(), { streamVersion: 2, recordedAt: '2020-10-10T09:00:00.000Z' }),
    ]);

    expect(state.denials).toEqual([
      {
        deniedBy: 'AZE',
        statement: 'a provocation',
        characterization: 'provocation',
        sources: aBreachDenied().data.sources,
        recordedAt: '2020-10-10T09:00:00.000Z',
      },
    ]);
    expect(state.version).toBe(2);
  });

  it('VerificationChanged sets the current status and appends to the history', () => {
    const state = incidentFrom([
      recorded(aBreachReported(), { streamVersion: 1 }),
      recorded(aVerificationChanged('corroborated'), { streamVersion: 2, recordedAt: '2020-10-11T00:00:00.000Z' }),
      recorded(aVerificationChanged('confirmed', { method: 'site_visit', note: 'crater and hospital records' }), {
        streamVersion: 3,
        recordedAt: '2020-10-12T00:00:00.000Z',
      }),
    ]);

    expect(state.verification).toEqual({
      status: 'confirmed',
      history: [
        { status: 'corroborated', by: 'OSCE monitor', method: 'independent_sources', note: null, recordedAt: '2020-10-11T00:00:00.000Z' },
        { status: 'confirmed', by: 'OSCE monitor', method: 'site_visit', note: 'crater and hospital records', recordedAt: '2020-10-12T00:00:00.000Z' },
      ],
    });
    expect(state.version).toBe(3);
  });

  it('AttributionDetermined sets the attribution; a later one replaces it', () => {
    const state = incidentFrom([
      aBreachReported(),
      anAttributionDetermined({ attributedTo: 'AZE' }),
      recorded(anAttributionDetermined({ attributedTo: NOT_ATTRIBUTABLE, note: 'could be either side' }), {
        streamVersion: 3,
        recordedAt: '2020-10-13T00:00:00.000Z',
      }),
    ]);

    expect(state.attribution).toEqual({
      attributedTo: NOT_ATTRIBUTABLE,
      by: 'OSCE monitor',
      note: 'could be either side',
      recordedAt: '2020-10-13T00:00:00.000Z',
    });
  });

  it('CasualtiesRevised replaces the casualties and counts the revisions', () => {
    const second = casualties({ killed: { civilian: { best: 2, low: 1, high: 3 } }, injured: { civilian: 4 } });
    const state = incidentFrom([
      aBreachReported(),
      aCasualtiesRevised({ casualties: casualties({ killed: { civilian: 2 } }) }),
      aCasualtiesRevised({ casualties: second }),
    ]);

    expect(state.casualties).toEqual(second);
    expect(state.casualtyHistory.map((h) => h.casualties)).toEqual([aBreachReported().data.casualties, casualties({ killed: { civilian: 2 } }), second]);
  });

  it('ReportRetracted records who retracted, why and when it was recorded', () => {
    const state = incidentFrom([
      recorded(aBreachReported(), { streamVersion: 1 }),
      recorded(aReportRetracted(), { streamVersion: 2, recordedAt: '2020-10-10T10:00:00.000Z' }),
    ]);

    expect(state.retracted).toEqual({ by: 'ARM', reason: 'misidentified location', recordedAt: '2020-10-10T10:00:00.000Z' });
  });

  it('does not mutate the state it is given', () => {
    const before = kapan();
    const snapshot = structuredClone(before);

    evolveIncident(before, recorded(aBreachDenied(), { streamVersion: 2 }));
    evolveIncident(before, recorded(aVerificationChanged('confirmed'), { streamVersion: 2 }));
    evolveIncident(before, recorded(aCasualtiesRevised(), { streamVersion: 2 }));

    expect(before).toEqual(snapshot);
  });
});

describe('reportBreach', () => {
  it('given the truce, when Armenia reports shelling near Kapan by Azerbaijan, then BreachReported (schema 2)', () => {
    const data = aBreachReported().data;

    expect(decideIncident(incidentCommand.report(data), { incident: null, truce: theTruce(), respondsTo: null })).toEqual([
      { type: 'BreachReported', schemaVersion: 2, data },
    ]);
  });

  it('accepts a counter-accusation that responds to an incident under the same truce', () => {
    const data = aTerterStrikeReported({ respondsTo: KAPAN_INCIDENT_ID }).data;

    expect(decideIncident(incidentCommand.report(data), { incident: null, truce: theTruce(), respondsTo: kapan() })).toEqual([
      { type: 'BreachReported', schemaVersion: 2, data },
    ]);
  });

  it('accepts a report by a monitor or the media, who are not parties', () => {
    const byMedia = aBreachReported({ reportedBy: 'AP', reporterType: 'media' }).data;
    const byMonitor = aBreachReported({ reportedBy: 'OSCE monitor', reporterType: 'monitor' }).data;

    expect(decideIncident(incidentCommand.report(byMedia), { incident: null, truce: theTruce(), respondsTo: null })).toEqual([
      { type: 'BreachReported', schemaVersion: 2, data: byMedia },
    ]);
    expect(decideIncident(incidentCommand.report(byMonitor), { incident: null, truce: theTruce(), respondsTo: null })).toEqual([
      { type: 'BreachReported', schemaVersion: 2, data: byMonitor },
    ]);
  });

  it('accepts an explicit window of one millisecond', () => {
    const data = aBreachReported({ occurredAt: { from: '2020-10-10T08:10:00.000Z', to: '2020-10-10T08:10:00.001Z', precision: 'minute' } }).data;

    expect(decideIncident(incidentCommand.report(data), { incident: null, truce: theTruce(), respondsTo: null })).toEqual([
      { type: 'BreachReported', schemaVersion: 2, data },
    ]);
  });

  it('refuses an accused who is not a party (the mediator): TRUCE.NOT_A_PARTY (rejected)', () => {
    const error = refusal(() =>
      decideIncident(incidentCommand.report(aBreachReported({ accusedParty: 'Russia' }).data), { incident: null, truce: theTruce(), respondsTo: null }),
    );

    expect(error).toMatchObject({ code: 'TRUCE.NOT_A_PARTY', kind: 'rejected' });
    expect(error.message).toContain('accusedParty');
  });

  it('refuses a party reporter who is not a party of the truce: TRUCE.NOT_A_PARTY (rejected)', () => {
    const error = refusal(() =>
      decideIncident(incidentCommand.report(aBreachReported({ reportedBy: 'TUR', reporterType: 'party' }).data), {
        incident: null,
        truce: theTruce(),
        respondsTo: null,
      }),
    );

    expect(error).toMatchObject({ code: 'TRUCE.NOT_A_PARTY', kind: 'rejected' });
    expect(error.message).toContain('reportedBy');
  });

  it('refuses respondsTo an incident that is not recorded: INCIDENT.RESPONDS_TO_UNKNOWN (rejected)', () => {
    const error = refusal(() =>
      decideIncident(incidentCommand.report(aTerterStrikeReported({ respondsTo: KAPAN_INCIDENT_ID }).data), {
        incident: null,
        truce: theTruce(),
        respondsTo: null,
      }),
    );

    expect(error).toMatchObject({ code: 'INCIDENT.RESPONDS_TO_UNKNOWN', kind: 'rejected' });
  });

  it('refuses respondsTo an incident under another truce: INCIDENT.RESPONDS_TO_UNKNOWN (rejected)', () => {
    const underOctober18 = incidentFrom([aBreachReported({ truceId: '0b0a7c1e-10a0-4c20-8000-000000000018' })]);
    const error = refusal(() =>
      decideIncident(incidentCommand.report(aTerterStrikeReported({ respondsTo: KAPAN_INCIDENT_ID }).data), {
        incident: null,
        truce: theTruce(),
        respondsTo: underOctober18,
      }),
    );

    expect(error).toMatchObject({ code: 'INCIDENT.RESPONDS_TO_UNKNOWN', kind: 'rejected' });
  });

  it('refuses an empty window (to = from): INCIDENT.EMPTY_WINDOW (rejected)', () => {
    const occurredAt = { from: '2020-10-10T08:10:00.000Z', to: '2020-10-10T08:10:00.000Z', precision: 'minute' as const };

    expect(
      refusal(() => decideIncident(incidentCommand.report(aBreachReported({ occurredAt }).data), { incident: null, truce: theTruce(), respondsTo: null })),
    ).toMatchObject({
      code: 'INCIDENT.EMPTY_WINDOW',
      kind: 'rejected',
    });
  });

  it('refuses a window that ends before it starts: INCIDENT.EMPTY_WINDOW (rejected)', () => {
    const occurredAt = { from: '2020-10-10T08:10:00.000Z', to: '2020-10-10T08:00:00.000Z', precision: 'minute' as const };

    expect(
      refusal(() => decideIncident(incidentCommand.report(aBreachReported({ occurredAt }).data), { incident: null, truce: theTruce(), respondsTo: null })),
    ).toMatchObject({
      code: 'INCIDENT.EMPTY_WINDOW',
      kind: 'rejected',
    });
  });
});

describe('requireIncident', () => {
  it('returns the state when the incident is recorded', () => {
    const state = kapan();

    expect(requireIncident(state, KAPAN_INCIDENT_ID)).toBe(state);
  });

  it('refuses an unknown incident: INCIDENT.NOT_FOUND (not_found)', () => {
    const error = refusal(() => requireIncident(null, TERTER_INCIDENT_ID));

    expect(error).toMatchObject({ code: 'INCIDENT.NOT_FOUND', kind: 'not_found' });
    expect(error.message).toContain(TERTER_INCIDENT_ID);
  });
});

describe('denyBreach', () => {
  it('given the Kapan report, when Azerbaijan calls it a provocation, then BreachDenied', () => {
    const data = aBreachDenied().data;

    expect(decideIncident(incidentCommand.deny(data), { incident: kapan(), truce: theTruce() })).toEqual([{ type: 'BreachDenied', schemaVersion: 1, data }]);
  });

  it('refuses a denial by a non-party: TRUCE.NOT_A_PARTY (rejected)', () => {
    const error = refusal(() => decideIncident(incidentCommand.deny(aBreachDenied({ deniedBy: 'TUR' }).data), { incident: kapan(), truce: theTruce() }));

    expect(error).toMatchObject({ code: 'TRUCE.NOT_A_PARTY', kind: 'rejected' });
    expect(error.message).toContain('deniedBy');
  });

  it('refuses a denial of a retracted report: INCIDENT.RETRACTED (rejected)', () => {
    expect(refusal(() => decideIncident(incidentCommand.deny(aBreachDenied().data), { incident: retractedKapan(), truce: theTruce() }))).toMatchObject({
      code: 'INCIDENT.RETRACTED',
      kind: 'rejected',
    });
  });
});

describe('changeVerification', () => {
  it('given the Kapan report, when a monitor corroborates it, then VerificationChanged', () => {
    const data = aVerificationChanged('corroborated').data;

    expect(decideIncident(incidentCommand.verify(data), { incident: kapan() })).toEqual([{ type: 'VerificationChanged', schemaVersion: 1, data }]);
  });

  it('accepts refuted and inconclusive as well', () => {
    const refuted = aVerificationChanged('refuted', { method: 'imagery' }).data;
    const inconclusive = aVerificationChanged('inconclusive').data;

    expect(decideIncident(incidentCommand.verify(refuted), { incident: kapan() })).toEqual([{ type: 'VerificationChanged', schemaVersion: 1, data: refuted }]);
    expect(decideIncident(incidentCommand.verify(inconclusive), { incident: kapan() })).toEqual([
      { type: 'VerificationChanged', schemaVersion: 1, data: inconclusive },
    ]);
  });

  it('refuses to verify a retracted report: INCIDENT.RETRACTED (rejected)', () => {
    expect(refusal(() => decideIncident(incidentCommand.verify(aVerificationChanged('confirmed').data), { incident: retractedKapan() }))).toMatchObject({
      code: 'INCIDENT.RETRACTED',
      kind: 'rejected',
    });
  });
});

describe('determineAttribution', () => {
  it('given the Kapan report, when a monitor attributes it to Azerbaijan, then AttributionDetermined', () => {
    const data = anAttributionDetermined({ attributedTo: 'AZE' }).data;

    expect(decideIncident(incidentCommand.attribute(data), { incident: kapan(), truce: theTruce() })).toEqual([
      { type: 'AttributionDetermined', schemaVersion: 1, data },
    ]);
  });

  it('accepts not_attributable, which is not a party', () => {
    const data = anAttributionDetermined({ attributedTo: NOT_ATTRIBUTABLE }).data;

    expect(decideIncident(incidentCommand.attribute(data), { incident: kapan(), truce: theTruce() })).toEqual([
      { type: 'AttributionDetermined', schemaVersion: 1, data },
    ]);
  });

  it('accepts an attribution to a party other than the accused (a separate finding)', () => {
    const data = anAttributionDetermined({ attributedTo: 'ARM' }).data;

    expect(decideIncident(incidentCommand.attribute(data), { incident: kapan(), truce: theTruce() })).toEqual([
      { type: 'AttributionDetermined', schemaVersion: 1, data },
    ]);
  });

  it('refuses an attribution to a non-party: TRUCE.NOT_A_PARTY (rejected)', () => {
    const error = refusal(() =>
      decideIncident(incidentCommand.attribute(anAttributionDetermined({ attributedTo: 'Russia' }).data), { incident: kapan(), truce: theTruce() }),
    );

    expect(error).toMatchObject({ code: 'TRUCE.NOT_A_PARTY', kind: 'rejected' });
    expect(error.message).toContain('attributedTo');
  });

  it('refuses to attribute a retracted report: INCIDENT.RETRACTED (rejected)', () => {
    expect(
      refusal(() => decideIncident(incidentCommand.attribute(anAttributionDetermined().data), { incident: retractedKapan(), truce: theTruce() })),
    ).toMatchObject({
      code: 'INCIDENT.RETRACTED',
      kind: 'rejected',
    });
  });
});

describe('reviseCasualties', () => {
  it('given the Kapan report, when the toll is revised, then CasualtiesRevised', () => {
    const data = aCasualtiesRevised({ casualties: casualties({ killed: { civilian: { best: 1, low: 1, high: 2 } } }) }).data;

    expect(decideIncident(incidentCommand.reviseCasualties(data, ACTORS.reporter), { incident: kapan() })).toEqual([
      { type: 'CasualtiesRevised', schemaVersion: 1, data },
    ]);
  });

  it('lets an admin revise it too', () => {
    const data = aCasualtiesRevised().data;

    expect(decideIncident(incidentCommand.reviseCasualties(data, ACTORS.admin), { incident: kapan() })).toEqual([
      { type: 'CasualtiesRevised', schemaVersion: 1, data },
    ]);
  });

  it("refuses another desk's key: INCIDENT.NOT_REPORTER (forbidden)", () => {
    expect(refusal(() => decideIncident(incidentCommand.reviseCasualties(aCasualtiesRevised().data, ACTORS.otherDesk), { incident: kapan() }))).toMatchObject({
      code: 'INCIDENT.NOT_REPORTER',
      kind: 'forbidden',
    });
  });

  it('refuses to revise a retracted report: INCIDENT.RETRACTED (rejected)', () => {
    expect(
      refusal(() => decideIncident(incidentCommand.reviseCasualties(aCasualtiesRevised().data, ACTORS.reporter), { incident: retractedKapan() })),
    ).toMatchObject({
      code: 'INCIDENT.RETRACTED',
      kind: 'rejected',
    });
  });
});

describe('retractReport', () => {
  it('given the Kapan report, when Armenia retracts it, then ReportRetracted', () => {
    const data = aReportRetracted().data;

    expect(decideIncident(incidentCommand.retract(data, ACTORS.reporter), { incident: kapan() })).toEqual([
      { type: 'ReportRetracted', schemaVersion: 1, data },
    ]);
  });

  it('lets an admin retract it, recording the admin as the one who acted', () => {
    const data = aReportRetracted({ by: ACTORS.admin.name }).data;

    expect(decideIncident(incidentCommand.retract(data, ACTORS.admin), { incident: kapan() })).toEqual([{ type: 'ReportRetracted', schemaVersion: 1, data }]);
  });

  it("refuses another desk's key: INCIDENT.NOT_REPORTER (forbidden)", () => {
    expect(
      refusal(() => decideIncident(incidentCommand.retract(aReportRetracted({ by: ACTORS.otherDesk.name }).data, ACTORS.otherDesk), { incident: kapan() })),
    ).toMatchObject({
      code: 'INCIDENT.NOT_REPORTER',
      kind: 'forbidden',
    });
  });

  it('refuses a second retraction: INCIDENT.RETRACTED (rejected)', () => {
    expect(refusal(() => decideIncident(incidentCommand.retract(aReportRetracted().data, ACTORS.reporter), { incident: retractedKapan() }))).toMatchObject({
      code: 'INCIDENT.RETRACTED',
      kind: 'rejected',
    });
  });
});

describe('casualty figures', () => {
  it('bestOf takes a plain number, the best of a range, and 0 for a missing figure', () => {
    expect(bestOf(3)).toBe(3);
    expect(bestOf({ best: 1, low: 1, high: 2 })).toBe(1);
    expect(bestOf(undefined)).toBe(0);
  });

  it('addCasualties sums best figures group by group; totalOf sums the groups', () => {
    const totals = emptyTotals();
    addCasualties(totals, casualties({ killed: { civilian: 1, military: { best: 2, low: 1, high: 5 } }, injured: { unknown: 3 } }));
    addCasualties(totals, casualties({ killed: { civilian: { best: 4 } } }));

    expect(totals).toEqual({ killed: { civilian: 5, military: 2, unknown: 0 }, injured: { civilian: 0, military: 0, unknown: 3 } });
    expect(totalOf(totals)).toEqual({ killed: 7, injured: 3 });
  });
});
