/**
 * Builders for the domain tests (unit specs beside the code, and the property test): one event
 * or command at a time, with the reference case as the default so that a test only spells out
 * what it is about.
 *
 * Reference case: the humanitarian truce of 10 October 2020 in Nagorno-Karabakh, as reported
 * by AP via NewsClick, 10 Oct 2020: agreed in Moscow with Russia mediating, in force "at noon
 * (0800 GMT)"; minutes later Armenia accused Azerbaijan of shelling near Kapan, killing one
 * civilian (Azerbaijan: a "provocation"), and Azerbaijan accused Armenia of missile strikes on
 * Terter and Agdam (Armenia denied it). "The claims couldn't be independently verified."
 *
 * Test code only: the build leaves test/ out.
 */
import { DomainError } from '../../src/common/domain/domain-error';
import {
  Actor,
  AttributionDetermined,
  BreachDenied,
  BreachReported,
  CasualtiesRevised,
  foldIncident,
  IncidentCommand,
  IncidentEvent,
  IncidentState,
  ReportRetracted,
  VerificationChanged,
  VerificationStatus,
} from '../../src/incidents/domain/incident';
import { Casualties, Figure } from '../../src/incidents/domain/value-objects';
import {
  foldTruce,
  PurposeMilestoneRecorded,
  TruceAgreed,
  TruceCollapsed,
  TruceCommand,
  TruceEffectiveTimeRevised,
  TruceEnded,
  TruceEvent,
  TruceReopened,
  TruceResumed,
  TruceState,
  TruceSuspended,
} from '../../src/truces/domain/truce';

export const TRUCE_ID = '0b0a7c1e-10a0-4c20-8000-000000000010';
export const SUCCESSOR_TRUCE_ID = '0b0a7c1e-10a0-4c20-8000-000000000018';
export const KAPAN_INCIDENT_ID = '1c1b8d2f-0001-4c20-8000-00000000ca9a';
export const TERTER_INCIDENT_ID = '1c1b8d2f-0002-4c20-8000-000000007e27';

export const ARM = { id: 'ARM', name: 'Armenia' };
export const AZE = { id: 'AZE', name: 'Azerbaijan' };

/** "noon (0800 GMT)" per AP; TASS said 12:00 Moscow time (09:00 UTC). */
export const EFFECTIVE_AT = '2020-10-10T08:00:00.000Z';
/** A record time after every valid time used in the tests (events are entered later). */
export const RECORDED_AT = '2020-10-10T12:00:00.000Z';

const AP = { name: 'AP via NewsClick', url: 'https://www.newsclick.in/' };

/** An ISO instant `ms` milliseconds after (or before, if negative) `iso`. */
export function shift(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

// ---- value objects ----

export function casualties(
  overrides: {
    killed?: Partial<Casualties['killed']>;
    injured?: Partial<Casualties['injured']>;
  } = {},
): Casualties {
  const zero = { civilian: 0 as Figure, military: 0 as Figure, unknown: 0 as Figure };
  return {
    killed: { ...zero, ...overrides.killed },
    injured: { ...zero, ...overrides.injured },
  };
}

// ---- truce events ----

export function aTruceAgreed(overrides: Partial<TruceAgreed['data']> = {}): TruceAgreed {
  return {
    type: 'TruceAgreed',
    schemaVersion: 1,
    data: {
      truceId: TRUCE_ID,
      name: 'Humanitarian ceasefire of 10 October 2020',
      parties: [ARM, AZE],
      mediators: ['Russia'],
      purposes: ['prisoner_exchange', 'remains_exchange'],
      effectiveAt: EFFECTIVE_AT,
      effectiveAtSource: { text: 'noon (0800 GMT)', timezone: 'Asia/Yerevan' },
      endsAt: null,
      terms: 'Exchange of prisoners of war and bodies of the dead in accordance with the criteria of the ICRC; details to be agreed later.',
      sources: [AP],
      ...overrides,
    },
  };
}

export function anEffectiveTimeRevised(overrides: Partial<TruceEffectiveTimeRevised['data']> = {}): TruceEffectiveTimeRevised {
  return {
    type: 'TruceEffectiveTimeRevised',
    schemaVersion: 1,
    data: {
      effectiveAt: '2020-10-10T09:00:00.000Z',
      effectiveAtSource: { text: '12:00 Moscow time', timezone: 'Europe/Moscow' },
      reason: 'TASS gives Moscow time',
      sources: [{ name: 'TASS' }],
      ...overrides,
    },
  };
}

export function aTruceSuspended(overrides: Partial<TruceSuspended['data']> = {}): TruceSuspended {
  return {
    type: 'TruceSuspended',
    schemaVersion: 1,
    data: { by: 'Russia', reason: 'talks broke off', at: shift(EFFECTIVE_AT, 2 * HOUR), sources: [], ...overrides },
  };
}

export function aTruceResumed(overrides: Partial<TruceResumed['data']> = {}): TruceResumed {
  return {
    type: 'TruceResumed',
    schemaVersion: 1,
    data: { by: 'Russia', reason: 'talks resumed', at: shift(EFFECTIVE_AT, 3 * HOUR), sources: [], ...overrides },
  };
}

export function aTruceCollapsed(overrides: Partial<TruceCollapsed['data']> = {}): TruceCollapsed {
  return {
    type: 'TruceCollapsed',
    schemaVersion: 1,
    data: { declaredBy: 'ARM', reason: 'full-scale fighting resumed', at: shift(EFFECTIVE_AT, DAY), sources: [], ...overrides },
  };
}

export function aTruceEnded(overrides: Partial<TruceEnded['data']> = {}): TruceEnded {
  return {
    type: 'TruceEnded',
    schemaVersion: 1,
    data: {
      reason: 'superseded',
      successorTruceId: SUCCESSOR_TRUCE_ID,
      at: '2020-10-18T00:00:00.000Z',
      sources: [],
      ...overrides,
    },
  };
}

export function aTruceReopened(overrides: Partial<TruceReopened['data']> = {}): TruceReopened {
  return {
    type: 'TruceReopened',
    schemaVersion: 1,
    data: { reason: 'the collapse was recorded in error: the fighting was before the truce', sources: [AP], ...overrides },
  };
}

export function aMilestoneRecorded(overrides: Partial<PurposeMilestoneRecorded['data']> = {}): PurposeMilestoneRecorded {
  return {
    type: 'PurposeMilestoneRecorded',
    schemaVersion: 1,
    data: {
      kind: 'remains_transfer',
      state: 'completed',
      counts: { ARM: 0, AZE: 0 },
      facilitator: 'ICRC',
      at: shift(EFFECTIVE_AT, 6 * HOUR),
      sources: [],
      ...overrides,
    },
  };
}

// ---- incident events ----

/** Default: Armenia accuses Azerbaijan of shelling near Kapan at 08:10, one civilian killed. */
export function aBreachReported(overrides: Partial<BreachReported['data']> = {}): BreachReported {
  return {
    type: 'BreachReported',
    schemaVersion: 2,
    data: {
      incidentId: KAPAN_INCIDENT_ID,
      truceId: TRUCE_ID,
      reportedBy: 'ARM',
      reporterType: 'party',
      accusedParty: 'AZE',
      occurredAt: { from: shift(EFFECTIVE_AT, 10 * MINUTE), precision: 'minute' },
      location: { name: 'Kapan', admin1: 'Syunik', countryIso3: 'ARM', lat: 39.2076, lon: 46.4057, precision: 'near' },
      weapons: ['artillery'],
      casualties: casualties({ killed: { civilian: 1 } }),
      description: 'Shelling of the area near Kapan, one civilian killed.',
      sources: [AP],
      respondsTo: null,
      ...overrides,
    },
  };
}

/** Azerbaijan's counter-accusation: missile strikes on Terter and Agdam. */
export function aTerterStrikeReported(overrides: Partial<BreachReported['data']> = {}): BreachReported {
  return aBreachReported({
    incidentId: TERTER_INCIDENT_ID,
    reportedBy: 'AZE',
    accusedParty: 'ARM',
    occurredAt: { from: shift(EFFECTIVE_AT, 15 * MINUTE), precision: 'minute' },
    location: { name: 'Terter and Agdam', countryIso3: 'AZE', precision: 'region' },
    weapons: ['missile'],
    casualties: casualties(),
    description: 'Missile strikes on the Terter and Agdam regions.',
    ...overrides,
  });
}

export function aBreachDenied(overrides: Partial<BreachDenied['data']> = {}): BreachDenied {
  return {
    type: 'BreachDenied',
    schemaVersion: 1,
    data: { deniedBy: 'AZE', statement: 'a provocation', characterization: 'provocation', sources: [AP], ...overrides },
  };
}

export function aVerificationChanged(status: VerificationStatus, overrides: Partial<VerificationChanged['data']> = {}): VerificationChanged {
  return {
    type: 'VerificationChanged',
    schemaVersion: 1,
    data: { status, by: 'OSCE monitor', method: 'independent_sources', note: null, ...overrides },
  };
}

export function anAttributionDetermined(overrides: Partial<AttributionDetermined['data']> = {}): AttributionDetermined {
  return {
    type: 'AttributionDetermined',
    schemaVersion: 1,
    data: { attributedTo: 'AZE', by: 'OSCE monitor', note: null, ...overrides },
  };
}

export function aCasualtiesRevised(overrides: Partial<CasualtiesRevised['data']> = {}): CasualtiesRevised {
  return {
    type: 'CasualtiesRevised',
    schemaVersion: 1,
    data: { casualties: casualties({ killed: { civilian: 2 } }), sources: [AP], ...overrides },
  };
}

export function aReportRetracted(overrides: Partial<ReportRetracted['data']> = {}): ReportRetracted {
  return {
    type: 'ReportRetracted',
    schemaVersion: 1,
    data: { by: 'ARM', reason: 'misidentified location', ...overrides },
  };
}

// ---- recording and folding ----

export type RecordedEvent<E> = E & { recordedAt: string; streamVersion: number; position: number; metadata: { actor: string } };

/** The API key every builder's event is entered under, unless told otherwise: Armenia's desk. */
export const REPORTER_KEY = 'arm-desk';

/** The reporter's own key, another desk's, and an admin's: who may act on a report. */
export const ACTORS = {
  reporter: { name: REPORTER_KEY, isAdmin: false },
  otherDesk: { name: 'aze-desk', isAdmin: false },
  admin: { name: 'ops-admin', isAdmin: true },
};

/** The event as read back from the log; defaults are a late record time, version 1 and the reporter's key. */
export function recorded<E extends TruceEvent | IncidentEvent>(
  event: E,
  meta: { recordedAt?: string; streamVersion?: number; position?: number; actor?: string } = {},
): RecordedEvent<E> {
  const streamVersion = meta.streamVersion ?? 1;
  return {
    ...event,
    recordedAt: meta.recordedAt ?? RECORDED_AT,
    streamVersion,
    position: meta.position ?? streamVersion,
    metadata: { actor: meta.actor ?? REPORTER_KEY },
  };
}

function withRecording<E extends TruceEvent | IncidentEvent>(events: readonly (E | RecordedEvent<E>)[]): RecordedEvent<E>[] {
  return events.map((e, i) => ('recordedAt' in e && 'streamVersion' in e ? e : recorded(e, { streamVersion: i + 1 })));
}

/** The truce these events fold to (the domain's foldTruce); events not passed through recorded() get version = their index + 1. */
export function truceFrom(events: readonly (TruceEvent | RecordedEvent<TruceEvent>)[]): TruceState {
  const state = foldTruce(withRecording(events));
  if (!state) throw new Error('truceFrom: the stream does not start with TruceAgreed');
  return state;
}

/** The incident these events fold to (the domain's foldIncident); events not passed through recorded() get version = their index + 1. */
export function incidentFrom(events: readonly (IncidentEvent | RecordedEvent<IncidentEvent>)[]): IncidentState {
  const state = foldIncident(withRecording(events));
  if (!state) throw new Error('incidentFrom: the stream does not start with BreachReported');
  return state;
}

/** The reference truce, as recorded. */
export function theTruce(overrides: Partial<TruceAgreed['data']> = {}): TruceState {
  return truceFrom([aTruceAgreed(overrides)]);
}

// ---- commands: the one that asks for each event's data ----

/** Truce commands, each carrying the data of the event it asks for (of the reference truce, unless the data names another). */
export const truceCommand = {
  agree: ({ truceId, ...data }: TruceAgreed['data']): TruceCommand => ({ type: 'AgreeTruce', truceId, data }),
  reviseEffectiveTime: (data: TruceEffectiveTimeRevised['data'], truceId = TRUCE_ID): TruceCommand => ({ type: 'ReviseEffectiveTime', truceId, data }),
  suspend: (data: TruceSuspended['data'], truceId = TRUCE_ID, now = RECORDED_AT): TruceCommand => ({ type: 'SuspendTruce', truceId, data, now }),
  resume: (data: TruceResumed['data'], truceId = TRUCE_ID, now = RECORDED_AT): TruceCommand => ({ type: 'ResumeTruce', truceId, data, now }),
  collapse: (data: TruceCollapsed['data'], truceId = TRUCE_ID): TruceCommand => ({ type: 'CollapseTruce', truceId, data }),
  /** The successor, when one is named, is taken to be recorded unless told otherwise. */
  end: (data: TruceEnded['data'], truceId = TRUCE_ID, successorRecorded = true): TruceCommand => ({ type: 'EndTruce', truceId, data, successorRecorded }),
  reopen: (data: TruceReopened['data'], truceId = TRUCE_ID): TruceCommand => ({ type: 'ReopenTruce', truceId, data }),
  recordMilestone: (data: PurposeMilestoneRecorded['data'], truceId = TRUCE_ID): TruceCommand => ({ type: 'RecordMilestone', truceId, data }),
};

/** The command that asks for exactly this event (of the reference truce). */
export function truceCommandFor(event: TruceEvent): TruceCommand {
  switch (event.type) {
    case 'TruceAgreed':
      return truceCommand.agree(event.data);
    case 'TruceEffectiveTimeRevised':
      return truceCommand.reviseEffectiveTime(event.data);
    case 'TruceSuspended':
      return truceCommand.suspend(event.data);
    case 'TruceResumed':
      return truceCommand.resume(event.data);
    case 'TruceCollapsed':
      return truceCommand.collapse(event.data);
    case 'TruceEnded':
      return truceCommand.end(event.data);
    case 'TruceReopened':
      return truceCommand.reopen(event.data);
    case 'PurposeMilestoneRecorded':
      return truceCommand.recordMilestone(event.data);
  }
}

/** Incident commands, each carrying the data of the event it asks for (on the Kapan report, unless told otherwise). */
export const incidentCommand = {
  report: ({ incidentId, ...data }: BreachReported['data']): IncidentCommand => ({ type: 'ReportBreach', incidentId, data }),
  deny: (data: BreachDenied['data'], incidentId = KAPAN_INCIDENT_ID): IncidentCommand => ({ type: 'DenyBreach', incidentId, data }),
  verify: (data: VerificationChanged['data'], incidentId = KAPAN_INCIDENT_ID): IncidentCommand => ({ type: 'ChangeVerification', incidentId, data }),
  attribute: (data: AttributionDetermined['data'], incidentId = KAPAN_INCIDENT_ID): IncidentCommand => ({
    type: 'DetermineAttribution',
    incidentId,
    data,
  }),
  reviseCasualties: (data: CasualtiesRevised['data'], actor: Actor, incidentId = KAPAN_INCIDENT_ID): IncidentCommand => ({
    type: 'ReviseCasualties',
    incidentId,
    data,
    actor,
  }),
  retract: (data: ReportRetracted['data'], actor: Actor, incidentId = KAPAN_INCIDENT_ID): IncidentCommand => ({
    type: 'RetractReport',
    incidentId,
    data,
    actor,
  }),
};

/** The command that asks for exactly this event (on the Kapan report), sent by `actor`. */
export function incidentCommandFor(event: IncidentEvent, actor: Actor): IncidentCommand {
  switch (event.type) {
    case 'BreachReported':
      return incidentCommand.report(event.data);
    case 'BreachDenied':
      return incidentCommand.deny(event.data);
    case 'VerificationChanged':
      return incidentCommand.verify(event.data);
    case 'AttributionDetermined':
      return incidentCommand.attribute(event.data);
    case 'CasualtiesRevised':
      return incidentCommand.reviseCasualties(event.data, actor);
    case 'ReportRetracted':
      return incidentCommand.retract(event.data, actor);
  }
}

/**
 * Runs a decide function that should refuse and returns its DomainError; anything else
 * (acceptance, or another kind of error) fails the test.
 */
export function refusal(decide: () => unknown): DomainError {
  try {
    decide();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the command to be refused, but it was accepted');
}
