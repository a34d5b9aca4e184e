import { IncidentState, VerificationStatus } from '../../incidents/domain/incident';
import { bestOf, timeWindow } from '../../incidents/domain/value-objects';

/**
 * What the status of a truce reads of one incident, flat and already parsed: its window, its
 * reported `from` (`occurredAt.from <= T` decides whether it had happened by T, DOMAIN.md — not
 * the start of its window), the best casualty figures, and the parties it names. A status or
 * time-travel answer walks every incident of a truce; reading these few numbers from one small
 * object, instead of following each incident's nested state and parsing its instants, was most
 * of the cost of an answer on a large truce. Derived once per incident state: folded states are
 * never mutated, so the facts of a state never change.
 */
export class IncidentFacts {
  readonly from: number;
  readonly windowFrom: number;
  readonly windowTo: number;
  readonly retracted: boolean;
  readonly status: VerificationStatus;
  /** The party whose report this is, or undefined when the reporter is not a party. */
  readonly reportingParty: string | undefined;
  readonly accusedParty: string;
  readonly attributedTo: string | undefined;
  /** Who denied it, once per denial. */
  readonly deniedBy: readonly string[];
  readonly killedCivilian: number;
  readonly killedMilitary: number;
  readonly killedUnknown: number;
  readonly injuredCivilian: number;
  readonly injuredMilitary: number;
  readonly injuredUnknown: number;

  constructor(incident: IncidentState) {
    const window = timeWindow(incident.occurredAt);
    this.from = Date.parse(incident.occurredAt.from);
    this.windowFrom = window.from;
    this.windowTo = window.to;
    this.retracted = !!incident.retracted;
    this.status = incident.verification.status;
    this.reportingParty = incident.reporterType === 'party' ? incident.reportedBy : undefined;
    this.accusedParty = incident.accusedParty;
    this.attributedTo = incident.attribution ? incident.attribution.attributedTo : undefined;
    this.deniedBy = incident.denials.map((d) => d.deniedBy);
    const { killed, injured } = incident.casualties;
    this.killedCivilian = bestOf(killed.civilian);
    this.killedMilitary = bestOf(killed.military);
    this.killedUnknown = bestOf(killed.unknown);
    this.injuredCivilian = bestOf(injured.civilian);
    this.injuredMilitary = bestOf(injured.military);
    this.injuredUnknown = bestOf(injured.unknown);
  }
}

/**
 * Incidents as a status reads them: their facts, one at a time. A list of incident states is
 * walked through incidentFacts (computeTruceStatus); the record cache hands time travel a walk of
 * its own index, so that an answer allocates no array of a truce's size (such arrays go straight
 * to the old generation, and their churn under load brought full collections of a heap that holds
 * every cached incident).
 */
export interface IncidentFactsWalk {
  forEach(visit: (incident: IncidentFacts) => void): void;
}

const known = new WeakMap<IncidentState, IncidentFacts>();

/** The facts of an incident state, derived on first use and kept as long as the state is. */
export function incidentFacts(incident: IncidentState): IncidentFacts {
  let facts = known.get(incident);
  if (!facts) {
    facts = new IncidentFacts(incident);
    known.set(incident, facts);
  }
  return facts;
}
