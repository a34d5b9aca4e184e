// Status of a truce at valid time T (DOMAIN.md, "Status at at = T", rules 1–7) and the tallies
// beside it. Reference case: the 10 October 2020 truce, effective 08:00 UTC; Armenia accuses
// Azerbaijan of shelling near Kapan (one civilian killed), Azerbaijan calls it a "provocation";
// Azerbaijan accuses Armenia of missile strikes on Terter and Agdam, Armenia denies it; nothing
// is verified, so the truce is "contested". Source: AP via NewsClick, 10 Oct 2020.
import fc from 'fast-check';
import { IncidentEvent, IncidentState } from '../../incidents/domain/incident';
import { classify } from '../../incidents/domain/classification';
import { bestOf, emptyTotals } from '../../incidents/domain/value-objects';
import { TruceEvent, TruceState } from '../../truces/domain/truce';
import { computeTruceStatus, TruceStatus } from './truce-status';
import {
  aBreachDenied,
  aBreachReported,
  aCasualtiesRevised,
  aMilestoneRecorded,
  anAttributionDetermined,
  anEffectiveTimeRevised,
  aReportRetracted,
  aTerterStrikeReported,
  aTruceAgreed,
  aTruceCollapsed,
  aTruceEnded,
  aTruceReopened,
  aTruceResumed,
  aTruceSuspended,
  aVerificationChanged,
  casualties,
  DAY,
  EFFECTIVE_AT,
  HOUR,
  incidentFrom,
  MINUTE,
  recorded,
  RecordedEvent,
  shift,
  theTruce,
  truceFrom,
} from '../../../test/support/domain-builders';

const E = EFFECTIVE_AT; // 2020-10-10T08:00:00.000Z
const KAPAN_AT = shift(E, 10 * MINUTE); // 08:10, minute precision
const TERTER_AT = shift(E, 15 * MINUTE); // 08:15, minute precision

const truceWith = (...events: TruceEvent[]): TruceState => truceFrom([aTruceAgreed(), ...events]);
const statusAt = (truce: TruceState, incidents: IncidentState[], at: string): TruceStatus => computeTruceStatus(truce, incidents, at).status;

/** The Kapan accusation and Azerbaijan's denial, as recorded. */
const kapanDenied = (...more: IncidentEvent[]): IncidentState => incidentFrom([aBreachReported(), aBreachDenied(), ...more]);
/** The Terter and Agdam counter-accusation and Armenia's denial. */
const terterDenied = (...more: IncidentEvent[]): IncidentState =>
  incidentFrom([aTerterStrikeReported(), aBreachDenied({ deniedBy: 'ARM', statement: 'Armenia denied that.', characterization: 'fabrication' }), ...more]);
/** A post-truce report with the given verification, occurring at `from`. */
const incidentAt = (from: string, ...more: IncidentEvent[]): IncidentState =>
  incidentFrom([aBreachReported({ occurredAt: { from, precision: 'minute' } }), ...more]);

/** What the log knew at record time K: only the events recorded at or before K (the caller's job). */
function asOf<E>(events: RecordedEvent<E>[], k: string): RecordedEvent<E>[] {
  return events.filter((e) => Date.parse(e.recordedAt) <= Date.parse(k));
}

describe('computeTruceStatus — the reference case of 10 October 2020', () => {
  const truce = theTruce();
  const incidents = [kapanDenied(), terterDenied()];

  it('is contested once the unverified accusations have occurred', () => {
    expect(statusAt(truce, incidents, shift(E, 20 * MINUTE))).toBe('contested');
  });

  it('is pending 1 ms before noon local time (08:00 UTC) and holding at 08:00 exactly, before the first claim', () => {
    expect(statusAt(truce, incidents, shift(E, -1))).toBe('pending');
    expect(statusAt(truce, incidents, E)).toBe('holding');
  });

  it('tallies each side as accuser, accused and denier', () => {
    const view = computeTruceStatus(truce, incidents, shift(E, HOUR));

    expect(view.counts).toEqual({
      breaches: 2,
      ambiguous: 0,
      preTruce: 0,
      afterEnd: 0,
      denied: 2,
      byVerification: { unverified: 2, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 },
    });
    expect(view.lastBreachAt).toBe(TERTER_AT);
    expect(view.tally).toEqual([
      {
        id: 'ARM',
        name: 'Armenia',
        reportsMade: 1,
        reportsMadeByVerification: { unverified: 1, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 },
        accusedIn: 1,
        deniedCount: 1,
        byVerification: { unverified: 1, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 },
        casualtiesAlleged: emptyTotals(),
        casualtiesConfirmed: emptyTotals(),
        casualtiesAttributed: emptyTotals(),
      },
      {
        id: 'AZE',
        name: 'Azerbaijan',
        reportsMade: 1,
        reportsMadeByVerification: { unverified: 1, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 },
        accusedIn: 1,
        deniedCount: 1,
        byVerification: { unverified: 1, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 },
        casualtiesAlleged: { killed: { civilian: 1, military: 0, unknown: 0 }, injured: { civilian: 0, military: 0, unknown: 0 } },
        casualtiesConfirmed: emptyTotals(),
        casualtiesAttributed: emptyTotals(),
      },
    ]);
    expect(view.totals.casualtiesAlleged.killed.civilian).toBe(1);
    expect(view.totals.casualtiesConfirmed).toEqual(emptyTotals());
    expect(view.milestones).toEqual([]);
  });

  it('read with the TASS instant (12:00 Moscow time = 09:00 UTC), both claims are pre-truce and it holds', () => {
    const revised = truceWith(anEffectiveTimeRevised());
    const view = computeTruceStatus(revised, incidents, shift(E, 2 * HOUR));

    expect(view.status).toBe('holding');
    expect(view.counts).toMatchObject({ breaches: 0, preTruce: 2, denied: 0 });
    expect(view.lastBreachAt).toBeNull();
  });
});

describe('computeTruceStatus — rules at the boundary instant', () => {
  describe('1. collapsed', () => {
    const collapseAt = shift(E, DAY);
    const truce = truceWith(aTruceCollapsed({ at: collapseAt }));

    it('applies at T exactly equal to the collapse instant', () => {
      expect(statusAt(truce, [], collapseAt)).toBe('collapsed');
    });

    it('does not apply 1 ms before it', () => {
      expect(statusAt(truce, [], shift(collapseAt, -1))).toBe('holding');
    });
  });

  describe('2. ended, by a TruceEnded', () => {
    const endAt = '2020-10-18T00:00:00.000Z';
    const truce = truceWith(aTruceEnded({ at: endAt }));

    it('applies at T exactly equal to the end instant', () => {
      expect(statusAt(truce, [], endAt)).toBe('ended');
    });

    it('does not apply 1 ms before it', () => {
      expect(statusAt(truce, [], shift(endAt, -1))).toBe('holding');
    });
  });

  describe('2. ended, by endsAt', () => {
    const endsAt = shift(E, 3 * DAY);
    const truce = theTruce({ endsAt });

    it('applies at T exactly equal to endsAt', () => {
      expect(statusAt(truce, [], endsAt)).toBe('ended');
    });

    it('does not apply 1 ms before it', () => {
      expect(statusAt(truce, [], shift(endsAt, -1))).toBe('holding');
    });
  });

  describe('3. suspended', () => {
    const suspendAt = shift(E, 2 * HOUR);
    const resumeAt = shift(E, 3 * HOUR);
    const suspendedOnly = truceWith(aTruceSuspended({ at: suspendAt }));
    const suspendedThenResumed = truceWith(aTruceSuspended({ at: suspendAt }), aTruceResumed({ at: resumeAt }));

    it('applies at T exactly equal to the suspension instant', () => {
      expect(statusAt(suspendedOnly, [], suspendAt)).toBe('suspended');
    });

    it('does not apply 1 ms before it', () => {
      expect(statusAt(suspendedOnly, [], shift(suspendAt, -1))).toBe('holding');
    });

    it('still applies 1 ms before the resumption', () => {
      expect(statusAt(suspendedThenResumed, [], shift(resumeAt, -1))).toBe('suspended');
    });

    it('no longer applies at T exactly equal to the resumption instant', () => {
      expect(statusAt(suspendedThenResumed, [], resumeAt)).toBe('holding');
    });

    it('a resumption effective after T does not end a suspension at T', () => {
      expect(statusAt(suspendedThenResumed, [], shift(suspendAt, MINUTE))).toBe('suspended');
    });

    it('a second suspension after a resumption applies again', () => {
      const resuspendAt = shift(E, 5 * HOUR);
      const truce = truceWith(aTruceSuspended({ at: suspendAt }), aTruceResumed({ at: resumeAt }), aTruceSuspended({ at: resuspendAt }));

      expect(statusAt(truce, [], shift(resuspendAt, -1))).toBe('holding');
      expect(statusAt(truce, [], resuspendAt)).toBe('suspended');
    });

    it('marks are taken in order of effective instant, not of recording', () => {
      // The resumption is entered first, the (earlier) suspension afterwards.
      const truce = truceWith(aTruceResumed({ at: resumeAt }), aTruceSuspended({ at: suspendAt }));

      expect(statusAt(truce, [], suspendAt)).toBe('suspended');
      expect(statusAt(truce, [], resumeAt)).toBe('holding');
    });

    it('a suspension and a resumption at the same instant: the later recorded one wins', () => {
      const resumedLast = truceWith(aTruceSuspended({ at: suspendAt }), aTruceResumed({ at: suspendAt }));
      const suspendedLast = truceWith(aTruceResumed({ at: suspendAt }), aTruceSuspended({ at: suspendAt }));

      expect(statusAt(resumedLast, [], suspendAt)).toBe('holding');
      expect(statusAt(suspendedLast, [], suspendAt)).toBe('suspended');
    });
  });

  describe('4. pending', () => {
    it('applies 1 ms before the effective instant', () => {
      expect(statusAt(theTruce(), [], shift(E, -1))).toBe('pending');
    });

    it('does not apply at T exactly equal to the effective instant', () => {
      expect(statusAt(theTruce(), [], E)).toBe('holding');
    });

    it('follows a revised effective instant', () => {
      const revised = truceWith(anEffectiveTimeRevised({ effectiveAt: '2020-10-10T09:00:00.000Z' }));

      expect(statusAt(revised, [], '2020-10-10T08:59:59.999Z')).toBe('pending');
      expect(statusAt(revised, [], '2020-10-10T09:00:00.000Z')).toBe('holding');
    });
  });

  describe('5. violated', () => {
    it('applies at T exactly equal to the occurrence of a corroborated incident', () => {
      expect(statusAt(theTruce(), [incidentAt(KAPAN_AT, aVerificationChanged('corroborated'))], KAPAN_AT)).toBe('violated');
    });

    it('does not apply 1 ms before the incident occurred', () => {
      expect(statusAt(theTruce(), [incidentAt(KAPAN_AT, aVerificationChanged('corroborated'))], shift(KAPAN_AT, -1))).toBe('holding');
    });

    it('applies to a confirmed incident', () => {
      expect(statusAt(theTruce(), [incidentAt(KAPAN_AT, aVerificationChanged('confirmed'))], KAPAN_AT)).toBe('violated');
    });

    it('applies to an incident at exactly the effective instant (post_truce)', () => {
      expect(statusAt(theTruce(), [incidentAt(E, aVerificationChanged('confirmed'))], E)).toBe('violated');
    });

    it('does not apply to a confirmed incident 1 ms before the effective instant (pre_truce)', () => {
      const justBefore = incidentFrom([aBreachReported({ occurredAt: { from: shift(E, -1), to: E, precision: 'minute' } }), aVerificationChanged('confirmed')]);

      expect(statusAt(theTruce(), [justBefore], shift(E, HOUR))).toBe('holding');
    });

    it('does not apply to a confirmed but ambiguous incident (window straddles E)', () => {
      const straddling = incidentFrom([
        aBreachReported({ occurredAt: { from: '2020-10-10T00:00:00.000Z', precision: 'day' } }),
        aVerificationChanged('confirmed'),
      ]);

      expect(statusAt(theTruce(), [straddling], shift(E, HOUR))).toBe('holding');
    });

    it('does not apply to a corroborated incident that was then retracted', () => {
      const retracted = incidentAt(KAPAN_AT, aVerificationChanged('corroborated'), aReportRetracted());

      expect(statusAt(theTruce(), [retracted], shift(E, HOUR))).toBe('holding');
    });

    it('uses the latest verification: corroborated then refuted is not a violation', () => {
      const refuted = incidentAt(KAPAN_AT, aVerificationChanged('corroborated'), aVerificationChanged('refuted'));

      expect(statusAt(theTruce(), [refuted], shift(E, HOUR))).toBe('holding');
    });
  });

  describe('6. contested', () => {
    it('applies at T exactly equal to the occurrence of an unverified incident', () => {
      expect(statusAt(theTruce(), [incidentAt(KAPAN_AT)], KAPAN_AT)).toBe('contested');
    });

    it('does not apply 1 ms before it', () => {
      expect(statusAt(theTruce(), [incidentAt(KAPAN_AT)], shift(KAPAN_AT, -1))).toBe('holding');
    });

    it('applies to an inconclusive incident', () => {
      expect(statusAt(theTruce(), [incidentAt(KAPAN_AT, aVerificationChanged('inconclusive'))], KAPAN_AT)).toBe('contested');
    });

    it('does not apply to a refuted incident', () => {
      expect(statusAt(theTruce(), [incidentAt(KAPAN_AT, aVerificationChanged('refuted'))], shift(E, HOUR))).toBe('holding');
    });

    it('does not apply to a retracted incident', () => {
      expect(statusAt(theTruce(), [incidentAt(KAPAN_AT, aReportRetracted())], shift(E, HOUR))).toBe('holding');
    });

    it('does not apply to an ambiguous or pre_truce unverified incident', () => {
      const ambiguous = incidentFrom([aBreachReported({ occurredAt: { from: '2020-10-10T00:00:00.000Z', precision: 'day' } })]);
      const preTruce = incidentFrom([aBreachReported({ occurredAt: { from: '2020-10-10T07:59:00.000Z', precision: 'minute' } })]);

      expect(statusAt(theTruce(), [ambiguous, preTruce], shift(E, HOUR))).toBe('holding');
    });
  });

  describe('7. holding', () => {
    it('applies after the effective instant with no incident', () => {
      expect(statusAt(theTruce(), [], shift(E, DAY))).toBe('holding');
    });

    it('applies when the only incidents occur after T', () => {
      expect(statusAt(theTruce(), [incidentAt(shift(E, DAY), aVerificationChanged('confirmed'))], shift(E, HOUR))).toBe('holding');
    });
  });
});

describe('computeTruceStatus — precedence: the first rule that holds', () => {
  const T = shift(E, 2 * DAY);
  const confirmed = incidentAt(KAPAN_AT, aVerificationChanged('confirmed'));
  const unverified = incidentAt(TERTER_AT);

  it('collapsed before ended', () => {
    const truce = truceWith(aTruceEnded({ at: shift(E, DAY) }), aTruceCollapsed({ at: shift(E, DAY) }));

    expect(statusAt(truce, [], T)).toBe('collapsed');
  });

  it('collapsed before ended by endsAt', () => {
    const truce = truceFrom([aTruceAgreed({ endsAt: shift(E, HOUR) }), aTruceCollapsed({ at: shift(E, DAY) })]);

    expect(statusAt(truce, [], T)).toBe('collapsed');
  });

  it('collapsed before suspended', () => {
    const truce = truceWith(aTruceSuspended({ at: shift(E, HOUR) }), aTruceCollapsed({ at: shift(E, DAY) }));

    expect(statusAt(truce, [], T)).toBe('collapsed');
  });

  it('collapsed before pending (a truce declared dead before it took effect)', () => {
    const truce = truceWith(aTruceCollapsed({ at: shift(E, -HOUR) }));

    expect(statusAt(truce, [], shift(E, -1))).toBe('collapsed');
  });

  it('collapsed before violated', () => {
    expect(statusAt(truceWith(aTruceCollapsed({ at: shift(E, DAY) })), [confirmed], T)).toBe('collapsed');
  });

  it('ended before suspended', () => {
    const truce = truceWith(aTruceSuspended({ at: shift(E, HOUR) }), aTruceEnded({ at: shift(E, DAY) }));

    expect(statusAt(truce, [], T)).toBe('ended');
  });

  it('ended before violated', () => {
    expect(statusAt(truceWith(aTruceEnded({ at: shift(E, DAY) })), [confirmed], T)).toBe('ended');
  });

  it('suspended before pending', () => {
    const truce = truceWith(aTruceSuspended({ at: shift(E, -HOUR) }));

    expect(statusAt(truce, [], shift(E, -1))).toBe('suspended');
  });

  it('suspended before violated and contested', () => {
    const truce = truceWith(aTruceSuspended({ at: shift(E, HOUR) }));

    expect(statusAt(truce, [confirmed, unverified], T)).toBe('suspended');
  });

  // Rules 5 and 6 cannot hold while pending: a counted incident has from <= T < E, so it is
  // never post_truce. The case shows a confirmed claim does not override pending.
  it('pending before violated (a confirmed incident before the revised effective instant is not counted)', () => {
    const revised = truceWith(anEffectiveTimeRevised({ effectiveAt: shift(E, DAY) }));

    expect(statusAt(revised, [confirmed], shift(E, HOUR))).toBe('pending');
  });

  it('violated before contested', () => {
    expect(statusAt(theTruce(), [unverified, confirmed], T)).toBe('violated');
  });

  it('contested before holding: one unverified claim among refuted ones is enough', () => {
    const refuted = incidentAt(KAPAN_AT, aVerificationChanged('refuted'));

    expect(statusAt(theTruce(), [refuted, unverified], T)).toBe('contested');
    expect(statusAt(theTruce(), [refuted], T)).toBe('holding');
  });
});

describe('computeTruceStatus — two clocks: valid time T and record time K', () => {
  // The Kapan claim is entered at 08:30; a monitor corroborates it on 12 October.
  const kapanLog = [
    recorded(aBreachReported(), { streamVersion: 1, recordedAt: '2020-10-10T08:30:00.000Z' }),
    recorded(aBreachDenied(), { streamVersion: 2, recordedAt: '2020-10-10T09:00:00.000Z' }),
    recorded(aVerificationChanged('corroborated'), { streamVersion: 3, recordedAt: '2020-10-12T10:00:00.000Z' }),
  ];
  const T = shift(E, HOUR);

  it('as of 11 October the record said contested; as of 12 October it says violated, for the same T', () => {
    expect(statusAt(theTruce(), [incidentFrom(asOf(kapanLog, '2020-10-11T00:00:00.000Z'))], T)).toBe('contested');
    expect(statusAt(theTruce(), [incidentFrom(asOf(kapanLog, '2020-10-12T10:00:00.000Z'))], T)).toBe('violated');
  });

  it('a verification recorded 1 ms after K is not known at K', () => {
    expect(statusAt(theTruce(), [incidentFrom(asOf(kapanLog, '2020-10-12T09:59:59.999Z'))], T)).toBe('contested');
  });

  it('a collapse recorded after K is not known at K, even if effective before T', () => {
    const truceLog = [
      recorded(aTruceAgreed(), { streamVersion: 1, recordedAt: '2020-10-10T07:00:00.000Z' }),
      recorded(aTruceCollapsed({ at: shift(E, DAY) }), { streamVersion: 2, recordedAt: '2020-10-20T00:00:00.000Z' }),
    ];

    expect(statusAt(truceFrom(asOf(truceLog, '2020-10-19T00:00:00.000Z')), [], shift(E, 2 * DAY))).toBe('holding');
    expect(statusAt(truceFrom(asOf(truceLog, '2020-10-20T00:00:00.000Z')), [], shift(E, 2 * DAY))).toBe('collapsed');
  });
});

describe('computeTruceStatus — tallies', () => {
  const T = shift(E, DAY);
  const tallyOf = (incidents: IncidentState[], id: string, truce = theTruce()) => {
    const entry = computeTruceStatus(truce, incidents, T).tally.find((t) => t.id === id);
    if (!entry) throw new Error(`no tally for ${id}`);
    return entry;
  };

  it('has one entry per party, in the order agreed, even without incidents', () => {
    const view = computeTruceStatus(theTruce(), [], T);

    expect(view.tally.map((t) => [t.id, t.name, t.reportsMade, t.accusedIn, t.deniedCount])).toEqual([
      ['ARM', 'Armenia', 0, 0, 0],
      ['AZE', 'Azerbaijan', 0, 0, 0],
    ]);
    expect(view.lastBreachAt).toBeNull();
  });

  it('reportsMade counts reports by a party reporter only, not by media or monitors', () => {
    const byArmenia = incidentAt(KAPAN_AT);
    const byMedia = incidentFrom([aBreachReported({ reportedBy: 'AP', reporterType: 'media' })]);
    const byMonitorNamedLikeAParty = incidentFrom([aBreachReported({ reportedBy: 'ARM', reporterType: 'monitor' })]);

    expect(tallyOf([byArmenia, byMedia, byMonitorNamedLikeAParty], 'ARM').reportsMade).toBe(1);
    expect(tallyOf([byArmenia, byMedia, byMonitorNamedLikeAParty], 'AZE').accusedIn).toBe(3);
  });

  it('accusedIn and byVerification split the reports against a party by verification status', () => {
    const incidents = [
      incidentAt(KAPAN_AT),
      incidentAt(KAPAN_AT, aVerificationChanged('corroborated')),
      incidentAt(KAPAN_AT, aVerificationChanged('confirmed')),
      incidentAt(KAPAN_AT, aVerificationChanged('refuted')),
      incidentAt(KAPAN_AT, aVerificationChanged('inconclusive')),
      incidentAt(KAPAN_AT, aVerificationChanged('inconclusive')),
    ];
    const aze = tallyOf(incidents, 'AZE');

    expect(aze.accusedIn).toBe(6);
    expect(aze.byVerification).toEqual({ unverified: 1, corroborated: 1, confirmed: 1, refuted: 1, inconclusive: 2 });
    expect(tallyOf(incidents, 'ARM').byVerification).toEqual({ unverified: 0, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 });
    expect(computeTruceStatus(theTruce(), incidents, T).counts.byVerification).toEqual(aze.byVerification);
  });

  it('deniedCount counts denials issued by the party; counts.denied counts denied incidents', () => {
    const twiceDenied = kapanDenied(aBreachDenied({ statement: 'again: a provocation' }));
    const view = computeTruceStatus(theTruce(), [twiceDenied, terterDenied(), incidentAt(KAPAN_AT)], T);

    expect(view.tally.find((t) => t.id === 'AZE')?.deniedCount).toBe(2);
    expect(view.tally.find((t) => t.id === 'ARM')?.deniedCount).toBe(1);
    expect(view.counts.denied).toBe(2);
  });

  it('casualtiesAlleged sums the best figures, plain numbers and {best, low, high} alike', () => {
    const incidents = [
      incidentAt(KAPAN_AT), // 1 civilian killed
      incidentFrom([
        aBreachReported({
          casualties: casualties({
            killed: { civilian: { best: 2, low: 1, high: 4 }, military: 3 },
            injured: { civilian: { best: 5, low: 5, high: 9 }, unknown: 1 },
          }),
        }),
      ]),
    ];

    expect(tallyOf(incidents, 'AZE').casualtiesAlleged).toEqual({
      killed: { civilian: 3, military: 3, unknown: 0 },
      injured: { civilian: 5, military: 0, unknown: 1 },
    });
    expect(tallyOf(incidents, 'ARM').casualtiesAlleged).toEqual(emptyTotals());
  });

  it('casualtiesConfirmed counts confirmed incidents only, not corroborated ones', () => {
    const incidents = [
      incidentAt(KAPAN_AT, aVerificationChanged('confirmed')), // 1 civilian killed
      incidentAt(KAPAN_AT, aVerificationChanged('corroborated'), aCasualtiesRevised({ casualties: casualties({ killed: { military: 7 } }) })),
    ];
    const aze = tallyOf(incidents, 'AZE');

    // Disjoint: the confirmed incident's figures are not alleged as well.
    expect(aze.casualtiesConfirmed).toEqual({ killed: { civilian: 1, military: 0, unknown: 0 }, injured: { civilian: 0, military: 0, unknown: 0 } });
    expect(aze.casualtiesAlleged).toEqual({ killed: { civilian: 0, military: 7, unknown: 0 }, injured: { civilian: 0, military: 0, unknown: 0 } });
  });

  it('casualtiesAttributed goes to the party the incident is attributed to, whoever was accused', () => {
    const incidents = [
      incidentAt(KAPAN_AT, anAttributionDetermined({ attributedTo: 'ARM' })), // accused AZE, attributed ARM
      incidentAt(KAPAN_AT, anAttributionDetermined({ attributedTo: 'not_attributable' })),
      incidentAt(KAPAN_AT, anAttributionDetermined({ attributedTo: 'AZE' })),
    ];

    expect(tallyOf(incidents, 'ARM').casualtiesAttributed.killed.civilian).toBe(1);
    expect(tallyOf(incidents, 'AZE').casualtiesAttributed.killed.civilian).toBe(1);
    expect(tallyOf(incidents, 'AZE').casualtiesAlleged.killed.civilian).toBe(3);
  });

  it('uses the latest casualty revision', () => {
    const revisedTwice = incidentAt(
      KAPAN_AT,
      aCasualtiesRevised({ casualties: casualties({ killed: { civilian: 4 } }) }),
      aCasualtiesRevised({ casualties: casualties({ killed: { civilian: { best: 2, low: 1, high: 3 } }, injured: { civilian: 6 } }) }),
      aVerificationChanged('confirmed'),
      anAttributionDetermined({ attributedTo: 'AZE' }),
    );
    const expected = { killed: { civilian: 2, military: 0, unknown: 0 }, injured: { civilian: 6, military: 0, unknown: 0 } };
    const aze = tallyOf([revisedTwice], 'AZE');

    expect(aze.casualtiesAlleged).toEqual(emptyTotals());
    expect(aze.casualtiesConfirmed).toEqual(expected);
    expect(aze.casualtiesAttributed).toEqual(expected);
  });

  it('a retracted report counts nowhere', () => {
    // Denied, confirmed and attributed before it was retracted: still none of it counts.
    const retracted = kapanDenied(aVerificationChanged('confirmed'), anAttributionDetermined({ attributedTo: 'AZE' }), aReportRetracted());
    const view = computeTruceStatus(theTruce(), [retracted], T);
    const blank = computeTruceStatus(theTruce(), [], T);

    expect(view.counts).toEqual(blank.counts);
    expect(view.totals).toEqual(blank.totals);
    expect(view.tally).toEqual(blank.tally);
    expect(view.lastBreachAt).toBeNull();
    expect(view.status).toBe('holding');
  });

  it('a retracted pre-truce or ambiguous report is not counted apart either', () => {
    const preTruce = incidentFrom([aBreachReported({ occurredAt: { from: '2020-10-09T00:00:00.000Z', precision: 'day' } }), aReportRetracted()]);
    const ambiguous = incidentFrom([aBreachReported({ occurredAt: { from: '2020-10-10T00:00:00.000Z', precision: 'day' } }), aReportRetracted()]);

    expect(computeTruceStatus(theTruce(), [preTruce, ambiguous], T).counts).toMatchObject({ preTruce: 0, ambiguous: 0, breaches: 0 });
  });

  it('ambiguous and pre_truce incidents are counted apart, outside the tallies and lastBreachAt', () => {
    const fightingSince27September = incidentFrom([
      aBreachReported({ occurredAt: { from: '2020-09-27T00:00:00.000Z', to: '2020-10-10T07:00:00.000Z', precision: 'day' } }),
      aBreachDenied(),
      aVerificationChanged('confirmed'),
    ]);
    const sometimeOn10October = incidentFrom([aBreachReported({ occurredAt: { from: '2020-10-10T00:00:00.000Z', precision: 'day' } }), aBreachDenied()]);
    const view = computeTruceStatus(theTruce(), [fightingSince27September, sometimeOn10October, incidentAt(KAPAN_AT)], T);

    expect(view.counts).toMatchObject({ breaches: 1, ambiguous: 1, preTruce: 1, denied: 0 });
    expect(view.lastBreachAt).toBe(KAPAN_AT);
    const aze = view.tally.find((t) => t.id === 'AZE');
    expect(aze).toMatchObject({ accusedIn: 1, deniedCount: 0 });
    expect(aze?.casualtiesAlleged.killed.civilian).toBe(1);
    expect(aze?.casualtiesConfirmed).toEqual(emptyTotals());
  });

  it('incidents that occur after T are not counted at all, whatever their state', () => {
    const later = shift(T, 1);
    const incidents = [incidentAt(later, aBreachDenied(), aVerificationChanged('confirmed')), incidentAt(later, aReportRetracted())];
    const view = computeTruceStatus(theTruce(), incidents, T);

    expect(view).toEqual(computeTruceStatus(theTruce(), [], T));
    expect(computeTruceStatus(theTruce(), incidents, later).counts).toMatchObject({ breaches: 1 });
  });

  it('an incident is counted from the start of its window: occurredAt.from <= T', () => {
    const window = incidentFrom([aBreachReported({ occurredAt: { from: KAPAN_AT, to: shift(KAPAN_AT, HOUR), precision: 'minute' } })]);

    expect(computeTruceStatus(theTruce(), [window], KAPAN_AT).counts.breaches).toBe(1);
    expect(computeTruceStatus(theTruce(), [window], shift(KAPAN_AT, -1)).counts.breaches).toBe(0);
  });

  it('lastBreachAt is the latest start among counted breaches, whatever their order', () => {
    const incidents = [incidentAt(shift(E, 3 * HOUR)), incidentAt(KAPAN_AT), incidentAt(shift(E, 2 * HOUR))];

    expect(computeTruceStatus(theTruce(), incidents, T).lastBreachAt).toBe(shift(E, 3 * HOUR));
    expect(computeTruceStatus(theTruce(), incidents, shift(E, 150 * MINUTE)).lastBreachAt).toBe(shift(E, 2 * HOUR));
  });

  it('parties not of the truce (a media reporter) get no tally entry', () => {
    const view = computeTruceStatus(theTruce(), [incidentFrom([aBreachReported({ reportedBy: 'AP', reporterType: 'media' })])], T);

    expect(view.tally.map((t) => t.id)).toEqual(['ARM', 'AZE']);
    expect(view.counts.breaches).toBe(1);
  });

  it('milestones are those effective by T', () => {
    const scheduled = aMilestoneRecorded({ kind: 'prisoner_exchange', state: 'scheduled', at: shift(E, HOUR) });
    const completed = aMilestoneRecorded({ kind: 'remains_transfer', state: 'completed', at: shift(E, 2 * DAY) });
    const truce = truceWith(scheduled, completed);

    expect(computeTruceStatus(truce, [], shift(E, HOUR)).milestones.map((m) => [m.kind, m.state])).toEqual([['prisoner_exchange', 'scheduled']]);
    expect(computeTruceStatus(truce, [], shift(E, HOUR - 1)).milestones).toEqual([]);
    expect(computeTruceStatus(truce, [], shift(E, 3 * DAY)).milestones).toHaveLength(2);
  });
});

describe('computeTruceStatus — after the end, and what a refuted claim leaves out', () => {
  const collapseAt = shift(E, DAY);
  const collapsed = truceWith(aTruceCollapsed({ at: collapseAt }));
  const T = shift(E, 3 * DAY);

  it('an incident wholly after the collapse is after_end, counted apart and no breach; one straddling it is ambiguous', () => {
    const after = incidentAt(shift(collapseAt, HOUR), aVerificationChanged('confirmed'));
    const straddling = incidentFrom([aBreachReported({ occurredAt: { from: shift(collapseAt, -HOUR), to: shift(collapseAt, HOUR), precision: 'minute' } })]);
    const view = computeTruceStatus(collapsed, [after, straddling, incidentAt(KAPAN_AT)], T);

    expect(view.counts).toMatchObject({ breaches: 1, afterEnd: 1, ambiguous: 1, preTruce: 0 });
    expect(view.lastBreachAt).toBe(KAPAN_AT);
    expect(view.totals.casualtiesConfirmed).toEqual(emptyTotals());
  });

  it('X is the earliest of the counting collapse, the counting end and endsAt', () => {
    const endsAt = shift(E, 2 * HOUR);
    const truce = truceFrom([aTruceAgreed({ endsAt }), aTruceCollapsed({ at: collapseAt })]);
    const view = computeTruceStatus(truce, [incidentAt(shift(E, 3 * HOUR))], T);

    expect(view.counts).toMatchObject({ breaches: 0, afterEnd: 1 });
  });

  it('a reopening withdraws the collapse: the same incident is a breach again', () => {
    const reopened = truceWith(aTruceCollapsed({ at: collapseAt }), aTruceReopened());
    const view = computeTruceStatus(reopened, [incidentAt(shift(collapseAt, HOUR))], T);

    expect(view.status).toBe('contested');
    expect(view.counts).toMatchObject({ breaches: 1, afterEnd: 0 });
  });

  it('a refuted post-truce claim: in byVerification and accusedIn, not in breaches, lastBreachAt or any casualty sum', () => {
    const refuted = incidentAt(shift(E, 2 * HOUR), aVerificationChanged('refuted'), anAttributionDetermined({ attributedTo: 'AZE' }));
    const view = computeTruceStatus(theTruce(), [refuted, incidentAt(KAPAN_AT)], T);
    const aze = view.tally.find((p) => p.id === 'AZE')!;

    expect(view.counts.breaches).toBe(1);
    expect(view.counts.byVerification).toMatchObject({ unverified: 1, refuted: 1 });
    expect(view.lastBreachAt).toBe(KAPAN_AT);
    expect(view.totals.casualtiesAlleged.killed.civilian).toBe(1);
    expect(aze).toMatchObject({ accusedIn: 2, casualtiesAttributed: emptyTotals() });
    expect(aze.casualtiesAlleged.killed.civilian).toBe(1);
  });
});

describe('computeTruceStatus — laws', () => {
  const verification = fc.constantFrom('unverified', 'corroborated', 'confirmed', 'refuted', 'inconclusive');
  const incident = fc
    .record({
      minutes: fc.integer({ min: -600, max: 3000 }),
      precision: fc.constantFrom('minute' as const, 'hour' as const, 'day' as const),
      accused: fc.constantFrom('ARM', 'AZE'),
      status: verification,
      denied: fc.boolean(),
      retracted: fc.boolean(),
      killed: fc.integer({ min: 0, max: 50 }),
    })
    .map((i) => {
      const events: IncidentEvent[] = [
        aBreachReported({
          accusedParty: i.accused,
          reportedBy: i.accused === 'ARM' ? 'AZE' : 'ARM',
          occurredAt: { from: shift(E, i.minutes * MINUTE), precision: i.precision },
          casualties: casualties({ killed: { civilian: { best: i.killed, low: 0, high: i.killed + 1 } } }),
        }),
      ];
      if (i.status !== 'unverified') events.push(aVerificationChanged(i.status));
      if (i.denied) events.push(aBreachDenied({ deniedBy: i.accused }));
      if (i.retracted) events.push(aReportRetracted());
      return incidentFrom(events);
    });
  const at = fc.integer({ min: -600, max: 3000 }).map((m) => shift(E, m * MINUTE));

  it('the view does not depend on the order in which incidents are given', () => {
    fc.assert(
      fc.property(fc.array(incident, { maxLength: 12 }), at, (incidents, t) => {
        const reversed = [...incidents].reverse();
        expect(computeTruceStatus(theTruce(), reversed, t)).toEqual(computeTruceStatus(theTruce(), incidents, t));
      }),
    );
  });

  it('counted incidents add up: every unretracted incident that occurred by T is in exactly one bucket', () => {
    fc.assert(
      fc.property(fc.array(incident, { maxLength: 12 }), at, (incidents, t) => {
        const { counts, tally } = computeTruceStatus(theTruce(), incidents, t);
        const occurred = incidents.filter((i) => Date.parse(i.occurredAt.from) <= Date.parse(t) && !i.retracted).length;
        const byVerification = Object.values(counts.byVerification).reduce((a, b) => a + b, 0);

        expect(byVerification + counts.ambiguous + counts.preTruce + counts.afterEnd).toBe(occurred);
        // Refuted post-truce incidents are in byVerification and accusedIn, never in the breaches.
        expect(counts.breaches).toBe(byVerification - counts.byVerification.refuted);
        expect(tally.reduce((sum, p) => sum + p.accusedIn, 0)).toBe(byVerification);
      }),
    );
  });

  it('casualty sums are disjoint and add up to the sum over counted, non-refuted incidents; for any end too', () => {
    const ending = fc.option(fc.integer({ min: -600, max: 3000 }), { nil: null });
    fc.assert(
      fc.property(fc.array(incident, { maxLength: 12 }), at, ending, (incidents, t, endMinutes) => {
        const truce = endMinutes === null ? theTruce() : truceWith(aTruceCollapsed({ at: shift(E, endMinutes * MINUTE) }));
        const { totals, tally, counts } = computeTruceStatus(truce, incidents, t);
        const counted = incidents.filter(
          (i) =>
            Date.parse(i.occurredAt.from) <= Date.parse(t) &&
            !i.retracted &&
            i.verification.status !== 'refuted' &&
            classify(i.occurredAt, truce.effectiveAt, truce.collapsed?.at ?? null) === 'post_truce',
        );
        const killed = counted.reduce((sum, i) => sum + bestOf(i.casualties.killed.civilian), 0);

        expect(counts.breaches).toBe(counted.length);
        expect(totals.casualtiesAlleged.killed.civilian + totals.casualtiesConfirmed.killed.civilian).toBe(killed);
        expect(tally.reduce((sum, p) => sum + p.casualtiesAlleged.killed.civilian + p.casualtiesConfirmed.killed.civilian, 0)).toBe(killed);
      }),
    );
  });
});
