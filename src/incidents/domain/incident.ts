import { DomainError } from '../../common/domain/domain-error';
import { DomainEvent, Recorded, Source } from '../../common/domain/domain-event';
import { Statement } from '../../common/domain/source';
import { requirePartyOf, TruceFacts } from '../../truces/domain/truce-facts';
import { Casualties, Place, TimeSpec } from './value-objects';

// ---- events: type strings are stable; never rename one, add a schemaVersion instead ----

export const REPORTER_TYPES = ['party', 'monitor', 'media', 'civil_society'] as const;
export type ReporterType = (typeof REPORTER_TYPES)[number];

export const WEAPONS = ['artillery', 'rocket', 'missile', 'mortar', 'drone', 'airstrike', 'small_arms', 'armour', 'other'] as const;
export type Weapon = (typeof WEAPONS)[number];

export const CHARACTERIZATIONS = ['fabrication', 'provocation', 'self_defence', 'other'] as const;
export type Characterization = (typeof CHARACTERIZATIONS)[number];

export const VERIFICATION_STATUSES = ['unverified', 'corroborated', 'confirmed', 'refuted', 'inconclusive'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const VERIFICATION_METHODS = ['independent_sources', 'site_visit', 'imagery', 'hospital_records', 'other'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const NOT_ATTRIBUTABLE = 'not_attributable';

/** The report as filed: the data of BreachReported, and the start of every state. */
export interface IncidentReport {
  incidentId: string;
  truceId: string;
  reportedBy: string;
  reporterType: ReporterType;
  accusedParty: string;
  occurredAt: TimeSpec;
  location: Place;
  weapons: Weapon[];
  casualties: Casualties;
  description: string | null;
  sources: Source[];
  respondsTo: string | null;
}

export type BreachReported = DomainEvent<'BreachReported', IncidentReport>;

export type BreachDenied = DomainEvent<'BreachDenied', { deniedBy: string; statement: Statement; characterization: Characterization; sources: Source[] }>;

export type VerificationChanged = DomainEvent<
  'VerificationChanged',
  { status: VerificationStatus; by: string; method: VerificationMethod; note: string | null }
>;

export type AttributionDetermined = DomainEvent<'AttributionDetermined', { attributedTo: string; by: string; note: string | null }>;

export type CasualtiesRevised = DomainEvent<'CasualtiesRevised', { casualties: Casualties; sources: Source[] }>;

export type ReportRetracted = DomainEvent<'ReportRetracted', { by: string; reason: string }>;

export type IncidentEvent = BreachReported | BreachDenied | VerificationChanged | AttributionDetermined | CasualtiesRevised | ReportRetracted;

export const INCIDENT_STREAM_PREFIX = 'incident-';
export const incidentStreamId = (incidentId: string): string => `${INCIDENT_STREAM_PREFIX}${incidentId}`;

// ---- commands: what may be asked of an incident, as data ----

/** Who sends a command: the API key's name, and whether it is an admin's. */
export interface Actor {
  name: string;
  isAdmin: boolean;
}

/** One case per request the API takes, each carrying the data of the event it asks for. */
export type IncidentCommand =
  | { type: 'ReportBreach'; incidentId: string; data: Omit<IncidentReport, 'incidentId'> }
  | { type: 'DenyBreach'; incidentId: string; data: BreachDenied['data'] }
  | { type: 'ChangeVerification'; incidentId: string; data: VerificationChanged['data'] }
  | { type: 'DetermineAttribution'; incidentId: string; data: AttributionDetermined['data'] }
  | { type: 'ReviseCasualties'; incidentId: string; data: CasualtiesRevised['data']; actor: Actor }
  | { type: 'RetractReport'; incidentId: string; data: ReportRetracted['data']; actor: Actor };

/** The commands judged against the truce's parties: their decision needs TruceFacts. */
export const readsTruce = (command: IncidentCommand): boolean =>
  command.type === 'ReportBreach' || command.type === 'DenyBreach' || command.type === 'DetermineAttribution';

// ---- state: the fold of the stream ----

export interface Denial {
  deniedBy: string;
  /** Verbatim: a plain string, or the text with its language (and a translation). */
  statement: Statement;
  characterization: Characterization;
  sources: Source[];
  recordedAt: string;
}

export interface VerificationStep {
  status: VerificationStatus;
  by: string;
  method: VerificationMethod;
  note: string | null;
  recordedAt: string;
}

/** Everything the record says of one reported incident: the fold of its stream. */
export interface IncidentState extends IncidentReport {
  /** The API key that filed the report (its event's metadata.actor): only it, or an admin, may retract or revise it. */
  reporterKey: string | null;
  verification: { status: VerificationStatus; history: VerificationStep[] };
  attribution: Attribution | null;
  /** Every attribution finding, with when it was recorded; `attribution` is the latest. */
  attributionHistory: Attribution[];
  denials: Denial[];
  /** Every casualty figure the record has held (first: as reported); `casualties` is the latest. */
  casualtyHistory: { casualties: Casualties; recordedAt: string }[];
  retracted: { by: string; reason: string; recordedAt: string } | null;
  recordedAt: string;
  /** When the last event of the stream was recorded. */
  updatedAt: string;
  version: number;
}

export interface Attribution {
  attributedTo: string;
  by: string;
  note: string | null;
  recordedAt: string;
}

/** Before BreachReported there is no incident. */
export const initialIncidentState: IncidentState | null = null;

/** The version of what evolveIncident makes of a stream: bump it with any change to IncidentState (see TRUCE_FOLD_VERSION). */
// 2: the read model's occurred_from is the start of the precision unit (a whole-unit window).
export const INCIDENT_FOLD_VERSION = 2;

/** evolve(state, event) → state: pure, deterministic, never reads a clock. */
export function evolveIncident(state: IncidentState | null, event: Recorded<IncidentEvent> & { metadata?: { actor?: string } }): IncidentState | null {
  if (event.type === 'BreachReported') {
    return {
      ...event.data,
      reporterKey: event.metadata?.actor ?? null,
      verification: { status: 'unverified', history: [] },
      attribution: null,
      attributionHistory: [],
      denials: [],
      casualtyHistory: [{ casualties: event.data.casualties, recordedAt: event.recordedAt }],
      retracted: null,
      recordedAt: event.recordedAt,
      updatedAt: event.recordedAt,
      version: event.streamVersion,
    };
  }
  if (state === null) return null;
  const next: IncidentState = { ...state, version: event.streamVersion, updatedAt: event.recordedAt };
  const recordedAt = event.recordedAt;
  switch (event.type) {
    case 'BreachDenied':
      next.denials = [...state.denials, { ...event.data, recordedAt }];
      return next;
    case 'VerificationChanged':
      next.verification = {
        status: event.data.status,
        history: [...state.verification.history, { ...event.data, recordedAt }],
      };
      return next;
    case 'AttributionDetermined':
      next.attribution = { ...event.data, recordedAt };
      next.attributionHistory = [...state.attributionHistory, next.attribution];
      return next;
    case 'CasualtiesRevised':
      next.casualties = event.data.casualties;
      next.casualtyHistory = [...state.casualtyHistory, { casualties: event.data.casualties, recordedAt }];
      return next;
    case 'ReportRetracted':
      next.retracted = { ...event.data, recordedAt };
      return next;
  }
}

/** An incident stream folded from the start: null when it holds no BreachReported. */
export function foldIncident(events: readonly (Recorded<IncidentEvent> & { metadata?: { actor?: string } })[]): IncidentState | null {
  return events.reduce(evolveIncident, initialIncidentState);
}

// ---- decide: command + what it reads → events (or a DomainError) ----

/** What a decision on an incident reads: its own stream, and what the command needs of others. */
export interface IncidentDecisionState {
  incident: IncidentState | null;
  /** The truce the incident is (to be) reported under, for the commands that readsTruce(). */
  truce?: TruceFacts;
  /** For a counter-accusation: the incident it answers, as recorded (null when none is). */
  respondsTo?: IncidentState | null;
}

export function decideIncident(command: IncidentCommand, state: IncidentDecisionState): IncidentEvent[] {
  if (command.type === 'ReportBreach') {
    const data = { incidentId: command.incidentId, ...command.data };
    return reportBreach(truceOf(state, command), state.respondsTo ?? null, data);
  }
  const incident = requireIncident(state.incident, command.incidentId);
  switch (command.type) {
    case 'DenyBreach':
      return denyBreach(incident, truceOf(state, command), command.data);
    case 'ChangeVerification':
      return changeVerification(incident, command.data);
    case 'DetermineAttribution':
      return determineAttribution(incident, truceOf(state, command), command.data);
    case 'ReviseCasualties':
      return reviseCasualties(incident, command.data, command.actor);
    case 'RetractReport':
      return retractReport(incident, command.data, command.actor);
  }
}

function truceOf(state: IncidentDecisionState, command: IncidentCommand): TruceFacts {
  if (!state.truce) throw new Error(`${command.type} is decided on the truce's facts, and none were given`);
  return state.truce;
}

function reportBreach(truce: TruceFacts, respondsTo: IncidentState | null, data: BreachReported['data']): BreachReported[] {
  requirePartyOf(truce, data.accusedParty, 'accusedParty');
  if (data.reporterType === 'party') requirePartyOf(truce, data.reportedBy, 'reportedBy');
  if (data.respondsTo !== null) {
    if (!respondsTo || respondsTo.truceId !== truce.truceId) {
      throw DomainError.rejected('INCIDENT.RESPONDS_TO_UNKNOWN', `respondsTo: no incident ${data.respondsTo} under this truce.`);
    }
  }
  const { from, to } = data.occurredAt;
  if (to !== undefined && Date.parse(to) <= Date.parse(from)) {
    throw DomainError.rejected('INCIDENT.EMPTY_WINDOW', 'occurredAt.to must be later than occurredAt.from.');
  }
  return [{ type: 'BreachReported', schemaVersion: 2, data }];
}

export function requireIncident(state: IncidentState | null, incidentId: string): IncidentState {
  if (!state) throw DomainError.notFound('INCIDENT.NOT_FOUND', `No incident ${incidentId} is recorded.`);
  return state;
}

function requireNotRetracted(state: IncidentState): void {
  if (state.retracted) throw DomainError.rejected('INCIDENT.RETRACTED', 'The report has been retracted by its reporter.');
}

function denyBreach(state: IncidentState, truce: TruceFacts, data: BreachDenied['data']): BreachDenied[] {
  requireNotRetracted(state);
  requirePartyOf(truce, data.deniedBy, 'deniedBy');
  return [{ type: 'BreachDenied', schemaVersion: 1, data }];
}

function changeVerification(state: IncidentState, data: VerificationChanged['data']): VerificationChanged[] {
  requireNotRetracted(state);
  return [{ type: 'VerificationChanged', schemaVersion: 1, data }];
}

function determineAttribution(state: IncidentState, truce: TruceFacts, data: AttributionDetermined['data']): AttributionDetermined[] {
  requireNotRetracted(state);
  if (data.attributedTo !== NOT_ATTRIBUTABLE) requirePartyOf(truce, data.attributedTo, 'attributedTo');
  return [{ type: 'AttributionDetermined', schemaVersion: 1, data }];
}

/** A report is the reporter's own: another desk's key may not retract or revise it (API.md). */
function requireReporterOrAdmin(state: IncidentState, actor: Actor, action: string): void {
  if (actor.isAdmin || (state.reporterKey !== null && actor.name === state.reporterKey)) return;
  throw DomainError.forbidden('INCIDENT.NOT_REPORTER', `Only the key that reported this incident, or an admin, may ${action} it.`);
}

function reviseCasualties(state: IncidentState, data: CasualtiesRevised['data'], actor: Actor): CasualtiesRevised[] {
  requireReporterOrAdmin(state, actor, 'revise the casualties of');
  requireNotRetracted(state);
  return [{ type: 'CasualtiesRevised', schemaVersion: 1, data }];
}

/** `data.by` is whoever acts: the reporter's key, or the admin's. */
function retractReport(state: IncidentState, data: ReportRetracted['data'], actor: Actor): ReportRetracted[] {
  requireReporterOrAdmin(state, actor, 'retract');
  requireNotRetracted(state);
  return [{ type: 'ReportRetracted', schemaVersion: 1, data }];
}
