import { Classification, classifyWindow } from '../../incidents/domain/classification';
import { IncidentState, VERIFICATION_STATUSES, VerificationStatus } from '../../incidents/domain/incident';
import { CasualtyTotals, emptyTotals } from '../../incidents/domain/value-objects';
import { endInstant, markInEffect, Milestone, TruceState } from '../../truces/domain/truce';
import { Party } from '../../truces/domain/truce-facts';
import { IncidentFacts, incidentFacts, IncidentFactsWalk } from './incident-facts';

export type TruceStatus = 'collapsed' | 'ended' | 'suspended' | 'pending' | 'violated' | 'contested' | 'holding';

/** Every TruceStatus, checked both ways by the compiler: a status added or dropped above fails here. */
const TRUCE_STATUS: Record<TruceStatus, true> = {
  collapsed: true,
  ended: true,
  suspended: true,
  pending: true,
  violated: true,
  contested: true,
  holding: true,
};
export const TRUCE_STATUSES = Object.keys(TRUCE_STATUS) as TruceStatus[];

export type ByVerification = Record<VerificationStatus, number>;

export interface PartyTally {
  id: string;
  name: string;
  reportsMade: number;
  /** Its own reports, by how they were verified. */
  reportsMadeByVerification: ByVerification;
  accusedIn: number;
  deniedCount: number;
  byVerification: ByVerification;
  /** In counted incidents against it not confirmed (nor refuted): disjoint from casualtiesConfirmed. */
  casualtiesAlleged: CasualtyTotals;
  casualtiesConfirmed: CasualtyTotals;
  casualtiesAttributed: CasualtyTotals;
}

export interface TruceStatusView {
  status: TruceStatus;
  lastBreachAt: string | null;
  counts: {
    breaches: number;
    ambiguous: number;
    preTruce: number;
    afterEnd: number;
    denied: number;
    byVerification: ByVerification;
  };
  /** Casualty sums over counted, non-refuted incidents (best figures): confirmed ones, and every other (alleged). */
  totals: { casualtiesAlleged: CasualtyTotals; casualtiesConfirmed: CasualtyTotals };
  tally: PartyTally[];
  milestones: Milestone[];
}

/** A list of incident states (Array.isArray alone does not narrow a readonly array's union). */
function isStateList(incidents: readonly IncidentState[] | IncidentFactsWalk): incidents is readonly IncidentState[] {
  return Array.isArray(incidents);
}

/** Adds an incident's best casualty figures into the totals (addCasualties, on its facts). */
function addFacts(into: CasualtyTotals, incident: IncidentFacts): void {
  into.killed.civilian += incident.killedCivilian;
  into.killed.military += incident.killedMilitary;
  into.killed.unknown += incident.killedUnknown;
  into.injured.civilian += incident.injuredCivilian;
  into.injured.military += incident.injuredMilitary;
  into.injured.unknown += incident.injuredUnknown;
}

/** Where an incident not post_truce is counted apart. */
const COUNTED_APART = { pre_truce: 'preTruce', ambiguous: 'ambiguous', after_end: 'afterEnd' } as const;

const COUNTS_AS_VIOLATION: ReadonlySet<VerificationStatus> = new Set(['corroborated', 'confirmed']);

function zeroByVerification(): ByVerification {
  return Object.fromEntries(VERIFICATION_STATUSES.map((s) => [s, 0])) as ByVerification;
}

function emptyTally(party: Party): PartyTally {
  return {
    id: party.id,
    name: party.name,
    reportsMade: 0,
    reportsMadeByVerification: zeroByVerification(),
    accusedIn: 0,
    deniedCount: 0,
    byVerification: zeroByVerification(),
    casualtiesAlleged: emptyTotals(),
    casualtiesConfirmed: emptyTotals(),
    casualtiesAttributed: emptyTotals(),
  };
}

/** The truce's own lifecycle at T: rules 1–4 of DOMAIN.md, or null when none applies. */
function lifecycleStatus(truce: TruceState, t: number): TruceStatus | null {
  if (truce.collapsed && Date.parse(truce.collapsed.at) <= t) return 'collapsed';
  if (truce.ended && Date.parse(truce.ended.at) <= t) return 'ended';
  if (truce.endsAt !== null && Date.parse(truce.endsAt) <= t) return 'ended';
  if (isSuspendedAt(truce, t)) return 'suspended';
  if (t < Date.parse(truce.effectiveAt)) return 'pending';
  return null;
}

/** Suspended at T when the suspend/resume mark in effect at T is a suspension. */
function isSuspendedAt(truce: TruceState, t: number): boolean {
  return markInEffect(truce.suspensions, t)?.type === 'suspended';
}

/**
 * The status of a truce at valid time T, from the record as it stood (the caller folds only
 * the events recorded up to asOf). Pure: the same inputs always give the same answer, so the
 * live read model, a rebuild and an as-of replay agree by construction.
 */
export function computeTruceStatus(truce: TruceState, incidents: readonly IncidentState[] | IncidentFactsWalk, at: string): TruceStatusView {
  const walk = isStateList(incidents) ? { forEach: (visit: (f: IncidentFacts) => void) => incidents.forEach((i) => visit(incidentFacts(i))) } : incidents;
  const t = Date.parse(at);
  const effectiveAt = Date.parse(truce.effectiveAt);
  const end = endInstant(truce);
  const endAt = end === null ? null : Date.parse(end);
  const tallies = new Map(truce.parties.map((p) => [p.id, emptyTally(p)]));
  const counts = { breaches: 0, ambiguous: 0, preTruce: 0, afterEnd: 0, denied: 0, byVerification: zeroByVerification() };
  const totals = { casualtiesAlleged: emptyTotals(), casualtiesConfirmed: emptyTotals() };
  let violated = false;
  let contested = false;
  let lastBreach: number | null = null;

  walk.forEach((incident) => {
    const from = incident.from;
    if (from > t) return; // not yet happened in the world at T
    if (incident.retracted) return; // a retracted report counts nowhere
    const classification: Classification = classifyWindow({ from: incident.windowFrom, to: incident.windowTo }, effectiveAt, endAt);
    if (classification !== 'post_truce') {
      counts[COUNTED_APART[classification]] += 1;
      return;
    }
    const status = incident.status;
    // A refuted claim stays in byVerification and the per-party reports (as refuted), but is no
    // evidence of a breach: it counts in neither the breaches, the last breach nor the casualties.
    const refuted = status === 'refuted';
    counts.byVerification[status] += 1;
    if (!refuted) {
      counts.breaches += 1;
      if (incident.deniedBy.length > 0) counts.denied += 1;
      contested = true;
      if (COUNTS_AS_VIOLATION.has(status)) violated = true;
      if (lastBreach === null || from > lastBreach) lastBreach = from;
    }
    // Disjoint sums: confirmed incidents in casualtiesConfirmed, every other counted one alleged.
    const sumOf = status === 'confirmed' ? 'casualtiesConfirmed' : 'casualtiesAlleged';
    if (!refuted) addFacts(totals[sumOf], incident);
    const reporter = incident.reportingParty === undefined ? undefined : tallies.get(incident.reportingParty);
    if (reporter) {
      reporter.reportsMade += 1;
      reporter.reportsMadeByVerification[status] += 1;
    }
    const accused = tallies.get(incident.accusedParty);
    if (accused) {
      accused.accusedIn += 1;
      accused.byVerification[status] += 1;
      if (!refuted) addFacts(accused[sumOf], incident);
    }
    const attributed = incident.attributedTo === undefined ? undefined : tallies.get(incident.attributedTo);
    if (attributed && !refuted) addFacts(attributed.casualtiesAttributed, incident);
    for (const deniedBy of incident.deniedBy) {
      const denier = tallies.get(deniedBy);
      if (denier) denier.deniedCount += 1;
    }
  });

  const status: TruceStatus = lifecycleStatus(truce, t) ?? (violated ? 'violated' : contested ? 'contested' : 'holding');
  return {
    status,
    lastBreachAt: lastBreach === null ? null : new Date(lastBreach).toISOString(),
    counts,
    totals,
    tally: [...tallies.values()],
    milestones: truce.milestones.filter((m) => Date.parse(m.at) <= t),
  };
}

/**
 * The last instant at which anything in the record takes effect: from then on the status and
 * every figure are the same at any later `at`, so an answer for one such instant serves all.
 */
export function statusHorizon(truce: TruceState, incidents: readonly IncidentState[]): number {
  let horizon = Date.parse(truce.effectiveAt);
  const see = (instant: string | null | undefined) => {
    if (instant) horizon = Math.max(horizon, Date.parse(instant));
  };
  see(truce.endsAt);
  see(truce.collapsed?.at);
  see(truce.ended?.at);
  truce.suspensions.forEach((s) => see(s.at));
  truce.milestones.forEach((m) => see(m.at));
  incidents.forEach((i) => see(i.occurredAt.from));
  return horizon;
}
