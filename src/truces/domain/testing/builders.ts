/**
 * Builders for the domain unit tests: one event at a time, with the reference case as the
 * default so that a test only spells out what it is about.
 *
 * Reference case: the humanitarian truce of 10 October 2020 in Nagorno-Karabakh, as reported
 * by AP via NewsClick (/work/shared/seeds/000_ad6ce7c496025d67.txt): agreed in Moscow with
 * Russia mediating, in force "at noon (0800 GMT)"; minutes later Armenia accused Azerbaijan of
 * shelling near Kapan, killing one civilian (Azerbaijan: a "provocation"), and Azerbaijan
 * accused Armenia of missile strikes on Terter and Agdam (Armenia denied it). "The claims
 * couldn't be independently verified."
 *
 * Plain TypeScript with no Jest import: it is also compiled by the build, so it must stay
 * free of test-runner globals.
 */
import { DomainError } from '../../../common/domain/domain-error';
import {
  AttributionDetermined,
  BreachDenied,
  BreachReported,
  CasualtiesRevised,
  IncidentEvent,
  ReportRetracted,
  VerificationChanged,
  VerificationStatus,
} from '../../../incidents/domain/incident.events';
import { evolveIncident, IncidentState } from '../../../incidents/domain/incident';
import { Casualties, Figure } from '../../../incidents/domain/value-objects';
import { evolveTruce, TruceState } from '../truce';
import {
  PurposeMilestoneRecorded,
  TruceAgreed,
  TruceCollapsed,
  TruceEffectiveTimeRevised,
  TruceEnded,
  TruceEvent,
  TruceResumed,
  TruceSuspended,
} from '../truce.events';

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

export function casualties(overrides: {
  killed?: Partial<Casualties['killed']>;
  injured?: Partial<Casualties['injured']>;
} = {}): Casualties {
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

export function anEffectiveTimeRevised(
  overrides: Partial<TruceEffectiveTimeRevised['data']> = {},
): TruceEffectiveTimeRevised {
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

export function aVerificationChanged(
  status: VerificationStatus,
  overrides: Partial<VerificationChanged['data']> = {},
): VerificationChanged {
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
  return events.map((e, i) =>
    'recordedAt' in e && 'streamVersion' in e ? (e as RecordedEvent<E>) : recorded(e, { streamVersion: i + 1 }),
  );
}

/** Folds a truce stream; events not passed through recorded() get version = their index + 1. */
export function foldTruce(events: readonly (TruceEvent | RecordedEvent<TruceEvent>)[]): TruceState {
  const state = withRecording(events).reduce<TruceState | null>(evolveTruce, null);
  if (!state) throw new Error('foldTruce: the stream does not start with TruceAgreed');
  return state;
}

/** Folds an incident stream; events not passed through recorded() get version = their index + 1. */
export function foldIncident(events: readonly (IncidentEvent | RecordedEvent<IncidentEvent>)[]): IncidentState {
  const state = withRecording(events).reduce<IncidentState | null>(evolveIncident, null);
  if (!state) throw new Error('foldIncident: the stream does not start with BreachReported');
  return state;
}

/** The reference truce, as recorded. */
export function theTruce(overrides: Partial<TruceAgreed['data']> = {}): TruceState {
  return foldTruce([aTruceAgreed(overrides)]);
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
