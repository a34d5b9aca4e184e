import { IncidentState } from '../../incidents/domain/incident';
import { ObservationState } from '../../observations/domain/observation';
import { recordedEnd, TruceState, TruceTerms } from '../../truces/domain/truce';
import { IncidentFactsWalk } from './incident-facts';
import { ObservationCounts, observationFindings, withObservedViolation } from './observation-counts';
import { computeTruceStatus, PartyTally, TruceStatusView } from './truce-status';

/** GET /truces/{id} (API.md): the truce as agreed, its status at `at` as known at `asOf`. */
export interface TruceSummary
  extends TruceTerms, Omit<TruceStatusView, 'counts' | 'tally'>, Pick<TruceState, 'collapsed' | 'ended' | 'endingHistory' | 'suspensions' | 'recordedAt'> {
  counts: TruceStatusView['counts'] & { observations: ObservationCounts };
  /** Each party's tally, with the counted observations whose origin names it. */
  tally: (PartyTally & { observations: number })[];
  /** The recorded collapse or end that counts (the earlier), or null: X of DOMAIN.md, with endsAt. */
  end: { kind: 'collapsed' | 'ended'; at: string; reason: string } | null;
  at: string;
  asOf: string;
  streamVersion: number;
}

export function truceSummary(
  truce: TruceState,
  incidents: readonly IncidentState[] | IncidentFactsWalk,
  at: string,
  asOf: string,
  observations: readonly ObservationState[] = [],
): TruceSummary {
  const view = computeTruceStatus(truce, incidents, at);
  const observed = observationFindings(truce, observations, at);
  return {
    truceId: truce.truceId,
    name: truce.name,
    parties: truce.parties,
    mediators: truce.mediators,
    purposes: truce.purposes,
    effectiveAt: truce.effectiveAt,
    effectiveAtSource: truce.effectiveAtSource,
    endsAt: truce.endsAt,
    terms: truce.terms,
    sources: truce.sources,
    status: withObservedViolation(view.status, observed),
    at,
    asOf,
    lastBreachAt: view.lastBreachAt,
    counts: { ...view.counts, observations: observed.counts },
    totals: view.totals,
    tally: view.tally.map((party) => ({ ...party, observations: observed.byOrigin.get(party.id) ?? 0 })),
    milestones: view.milestones,
    end: recordedEnd(truce),
    collapsed: truce.collapsed,
    ended: truce.ended,
    endingHistory: truce.endingHistory,
    suspensions: truce.suspensions,
    recordedAt: truce.recordedAt,
    streamVersion: truce.version,
  };
}
