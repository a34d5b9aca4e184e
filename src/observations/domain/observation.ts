import { DomainError } from '../../common/domain/domain-error';
import { DomainEvent, Recorded, Source } from '../../common/domain/domain-event';
import { Weapon } from '../../incidents/domain/incident';
import { Place, TimeSpec } from '../../incidents/domain/value-objects';
import { requirePartyOf, TruceFacts } from '../../truces/domain/truce-facts';

// ---- values (DOMAIN.md, "Observation stream") ----

export const OBSERVATION_KINDS = [
  'explosion',
  'burst_of_fire',
  'shelling_impact',
  'drone_flight',
  'armour_movement',
  'weapon_position',
  'damage',
  'restriction_of_movement',
  'other',
] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

export const ASSESSMENTS = ['ceasefire_violation', 'not_a_violation', 'undetermined'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

export const COMPASS_POINTS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export type CompassPoint = (typeof COMPASS_POINTS)[number];

/** Where the monitors heard or saw it from: degrees 0–359, or one of the 8 compass points. */
export type Direction = number | CompassPoint;

/** `origin` when no party can be named: most of what monitors observe. */
export const UNDETERMINED_ORIGIN = 'undetermined';

export interface DistanceKm {
  low: number;
  high: number;
}

// ---- events: type strings are stable; never rename one, add a schemaVersion instead ----

/** The observation as recorded: the data of ObservationRecorded, and the start of every state. */
export interface ObservationRecord {
  observationId: string;
  truceId: string;
  observedBy: string;
  observedAt: TimeSpec;
  /** Where the monitors were. */
  position: Place;
  kind: ObservationKind;
  count: number;
  direction: Direction | null;
  distanceKm: DistanceKm | null;
  estimatedLocation: Place | null;
  weapons: Weapon[];
  /** `undetermined`, or a party id of the truce. */
  origin: string;
  assessment: Assessment;
  description: string | null;
  sources: Source[];
}

export type ObservationRecorded = DomainEvent<'ObservationRecorded', ObservationRecord>;

/** A new finding on origin and/or assessment: a field left out keeps its earlier value. */
export type ObservationAssessed = DomainEvent<'ObservationAssessed', { origin?: string; assessment?: Assessment; by: string; note: string | null }>;

export type ObservationWithdrawn = DomainEvent<'ObservationWithdrawn', { by: string; reason: string }>;

export type ObservationEvent = ObservationRecorded | ObservationAssessed | ObservationWithdrawn;

export const OBSERVATION_STREAM_PREFIX = 'observation-';
export const observationStreamId = (observationId: string): string => `${OBSERVATION_STREAM_PREFIX}${observationId}`;

// ---- commands ----

export type ObservationCommand =
  | { type: 'RecordObservation'; observationId: string; data: Omit<ObservationRecord, 'observationId'> }
  | { type: 'AssessObservation'; observationId: string; data: ObservationAssessed['data'] }
  | { type: 'WithdrawObservation'; observationId: string; data: ObservationWithdrawn['data'] };

// ---- state: the fold of the stream ----

export interface AssessmentStep {
  origin?: string;
  assessment?: Assessment;
  by: string;
  note: string | null;
  recordedAt: string;
}

export interface ObservationState extends ObservationRecord {
  /** origin and assessment as first recorded; `origin`/`assessment` are the latest findings. */
  recordedFinding: { origin: string; assessment: Assessment };
  assessmentHistory: AssessmentStep[];
  withdrawn: { by: string; reason: string; recordedAt: string } | null;
  recordedAt: string;
  /** When the last event of the stream was recorded. */
  updatedAt: string;
  version: number;
}

/** The version of what evolveObservation makes of a stream: bump it with any change to ObservationState. */
export const OBSERVATION_FOLD_VERSION = 1;

/** evolve(state, event) → state: pure, deterministic, never reads a clock. */
export function evolveObservation(state: ObservationState | null, event: Recorded<ObservationEvent>): ObservationState | null {
  if (event.type === 'ObservationRecorded') {
    return {
      ...event.data,
      recordedFinding: { origin: event.data.origin, assessment: event.data.assessment },
      assessmentHistory: [],
      withdrawn: null,
      recordedAt: event.recordedAt,
      updatedAt: event.recordedAt,
      version: event.streamVersion,
    };
  }
  if (state === null) return null;
  const next: ObservationState = { ...state, version: event.streamVersion, updatedAt: event.recordedAt };
  switch (event.type) {
    case 'ObservationAssessed':
      next.assessmentHistory = [...state.assessmentHistory, { ...event.data, recordedAt: event.recordedAt }];
      Object.assign(next, applyFinding(state, event.data));
      return next;
    case 'ObservationWithdrawn':
      next.withdrawn = { ...event.data, recordedAt: event.recordedAt };
      return next;
  }
}

/** The origin and assessment after a finding: what it leaves out stays as it was. */
export function applyFinding(current: { origin: string; assessment: Assessment }, step: { origin?: string; assessment?: Assessment }) {
  return { origin: step.origin ?? current.origin, assessment: step.assessment ?? current.assessment };
}

export function foldObservation(events: readonly Recorded<ObservationEvent>[]): ObservationState | null {
  return events.reduce(evolveObservation, null as ObservationState | null);
}

// ---- decide ----

export interface ObservationDecisionState {
  observation: ObservationState | null;
  /** The truce the observation is (to be) recorded under: origins are judged against its parties. */
  truce?: TruceFacts;
}

export function decideObservation(command: ObservationCommand, state: ObservationDecisionState): ObservationEvent[] {
  if (command.type === 'RecordObservation') {
    return recordObservation(truceOf(state, command), { observationId: command.observationId, ...command.data });
  }
  const observation = requireObservation(state.observation, command.observationId);
  switch (command.type) {
    case 'AssessObservation':
      return assessObservation(observation, truceOf(state, command), command.data);
    case 'WithdrawObservation':
      requireNotWithdrawn(observation);
      return [{ type: 'ObservationWithdrawn', schemaVersion: 1, data: command.data }];
  }
}

function truceOf(state: ObservationDecisionState, command: ObservationCommand): TruceFacts {
  if (!state.truce) throw new Error(`${command.type} is decided on the truce's facts, and none were given`);
  return state.truce;
}

export function requireObservation(state: ObservationState | null, observationId: string): ObservationState {
  if (!state) throw DomainError.notFound('OBSERVATION.NOT_FOUND', `No observation ${observationId} is recorded.`);
  return state;
}

function requireNotWithdrawn(state: ObservationState): void {
  if (state.withdrawn) throw DomainError.rejected('OBSERVATION.WITHDRAWN', 'The observation has been withdrawn: it takes no further findings.');
}

function requireOrigin(truce: TruceFacts, origin: string): void {
  if (origin !== UNDETERMINED_ORIGIN) requirePartyOf(truce, origin, 'origin');
}

function recordObservation(truce: TruceFacts, data: ObservationRecord): ObservationRecorded[] {
  if (!OBSERVATION_KINDS.includes(data.kind)) invalid('kind', `must be one of ${OBSERVATION_KINDS.join(', ')}`);
  if (!Number.isInteger(data.count) || data.count < 1) invalid('count', 'must be a whole number ≥ 1');
  if (data.direction !== null && !isDirection(data.direction)) invalid('direction', 'must be degrees 0–359 or one of N, NE, E, SE, S, SW, W, NW');
  if (data.distanceKm !== null) requireDistance(data.distanceKm);
  if (!ASSESSMENTS.includes(data.assessment)) invalid('assessment', `must be one of ${ASSESSMENTS.join(', ')}`);
  if (data.sources.length < 1) invalid('sources', 'must cite at least one source');
  requireOrigin(truce, data.origin);
  const { from, to } = data.observedAt;
  if (to !== undefined && Date.parse(to) <= Date.parse(from)) {
    throw DomainError.rejected('OBSERVATION.EMPTY_WINDOW', 'observedAt.to must be later than observedAt.from.');
  }
  return [{ type: 'ObservationRecorded', schemaVersion: 1, data }];
}

function assessObservation(state: ObservationState, truce: TruceFacts, data: ObservationAssessed['data']): ObservationAssessed[] {
  requireNotWithdrawn(state);
  if (data.origin === undefined && data.assessment === undefined) invalid('origin', 'a finding gives a new origin, a new assessment, or both');
  if (data.assessment !== undefined && !ASSESSMENTS.includes(data.assessment)) invalid('assessment', `must be one of ${ASSESSMENTS.join(', ')}`);
  if (data.origin !== undefined) requireOrigin(truce, data.origin);
  return [{ type: 'ObservationAssessed', schemaVersion: 1, data }];
}

export function isDirection(value: unknown): value is Direction {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 && value <= 359;
  return typeof value === 'string' && (COMPASS_POINTS as readonly string[]).includes(value);
}

function requireDistance({ low, high }: DistanceKm): void {
  const ok = (n: number) => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  if (!ok(low) || !ok(high)) invalid('distanceKm', 'low and high must be numbers of kilometres ≥ 0');
  if (low > high) throw DomainError.rejected('OBSERVATION.DISTANCE_RANGE', 'distanceKm: low must not exceed high.');
}

function invalid(field: string, message: string): never {
  throw DomainError.rejected('OBSERVATION.INVALID', `${field}: ${message}.`);
}
