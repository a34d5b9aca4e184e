import { DomainError } from '../../common/domain/domain-error';
import { Source } from '../../common/domain/domain-event';
import { requirePartyOf, TruceState } from '../../truces/domain/truce';
import {
  AttributionDetermined,
  BreachDenied,
  BreachReported,
  Characterization,
  IncidentEvent,
  NOT_ATTRIBUTABLE,
  ReportRetracted,
  VerificationChanged,
  VerificationMethod,
  VerificationStatus,
  ReporterType,
  Weapon,
  CasualtiesRevised,
} from './incident.events';
import { Casualties, Place, TimeSpec } from './value-objects';

export interface Denial {
  deniedBy: string;
  statement: string;
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
export interface IncidentState {
  incidentId: string;
  /** The API key that filed the report (its event's metadata.actor): only it, or an admin, may retract or revise it. */
  reporterKey: string | null;
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

export function evolveIncident(
  state: IncidentState | null,
  event: IncidentEvent & { recordedAt: string; streamVersion: number; metadata?: { actor?: string } },
): IncidentState | null {
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

// ---- decide ----

export function reportBreach(truce: TruceState, respondsTo: IncidentState | null, data: BreachReported['data']): BreachReported[] {
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

export function denyBreach(state: IncidentState, truce: TruceState, data: BreachDenied['data']): BreachDenied[] {
  requireNotRetracted(state);
  requirePartyOf(truce, data.deniedBy, 'deniedBy');
  return [{ type: 'BreachDenied', schemaVersion: 1, data }];
}

export function changeVerification(state: IncidentState, data: VerificationChanged['data']): VerificationChanged[] {
  requireNotRetracted(state);
  return [{ type: 'VerificationChanged', schemaVersion: 1, data }];
}

export function determineAttribution(
  state: IncidentState,
  truce: TruceState,
  data: AttributionDetermined['data'],
): AttributionDetermined[] {
  requireNotRetracted(state);
  if (data.attributedTo !== NOT_ATTRIBUTABLE) requirePartyOf(truce, data.attributedTo, 'attributedTo');
  return [{ type: 'AttributionDetermined', schemaVersion: 1, data }];
}

/** Who sends a command: the API key's name, and whether it is an admin's. */
export interface Actor {
  name: string;
  isAdmin: boolean;
}

/** A report is the reporter's own: another desk's key may not retract or revise it (API.md). */
function requireReporterOrAdmin(state: IncidentState, actor: Actor, action: string): void {
  if (actor.isAdmin || (state.reporterKey !== null && actor.name === state.reporterKey)) return;
  throw DomainError.forbidden('INCIDENT.NOT_REPORTER', `Only the key that reported this incident, or an admin, may ${action} it.`);
}

export function reviseCasualties(state: IncidentState, data: CasualtiesRevised['data'], actor: Actor): CasualtiesRevised[] {
  requireReporterOrAdmin(state, actor, 'revise the casualties of');
  requireNotRetracted(state);
  return [{ type: 'CasualtiesRevised', schemaVersion: 1, data }];
}

/** `data.by` is whoever acts: the reporter's key, or the admin's. */
export function retractReport(state: IncidentState, data: ReportRetracted['data'], actor: Actor): ReportRetracted[] {
  requireReporterOrAdmin(state, actor, 'retract');
  requireNotRetracted(state);
  return [{ type: 'ReportRetracted', schemaVersion: 1, data }];
}
