import { IncidentState } from '../../../incidents/domain/incident';
import { TruceState } from '../../domain/truce';
import { computeTruceStatus } from '../../domain/truce-status';

/** GET /truces/{id} (API.md): the truce as agreed, its status at `at` as known at `asOf`. */
export function truceSummary(truce: TruceState, incidents: readonly IncidentState[], at: string, asOf: string) {
  const view = computeTruceStatus(truce, incidents, at);
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
    status: view.status,
    at,
    asOf,
    lastBreachAt: view.lastBreachAt,
    counts: view.counts,
    totals: view.totals,
    tally: view.tally,
    milestones: view.milestones,
    collapsed: truce.collapsed,
    ended: truce.ended,
    suspensions: truce.suspensions,
    recordedAt: truce.recordedAt,
    streamVersion: truce.version,
  };
}

export type TruceSummary = ReturnType<typeof truceSummary>;
