import { IncidentState } from '../../incidents/domain/incident';
import { recordedEnd, TruceState, TruceTerms } from '../../truces/domain/truce';
import { computeTruceStatus, TruceStatusView } from './truce-status';

/** GET /truces/{id} (API.md): the truce as agreed, its status at `at` as known at `asOf`. */
export interface TruceSummary extends TruceTerms, TruceStatusView, Pick<TruceState, 'collapsed' | 'ended' | 'endingHistory' | 'suspensions' | 'recordedAt'> {
  /** The recorded collapse or end that counts (the earlier), or null: X of DOMAIN.md, with endsAt. */
  end: { kind: 'collapsed' | 'ended'; at: string; reason: string } | null;
  at: string;
  asOf: string;
  streamVersion: number;
}

export function truceSummary(truce: TruceState, incidents: readonly IncidentState[], at: string, asOf: string): TruceSummary {
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
    end: recordedEnd(truce),
    collapsed: truce.collapsed,
    ended: truce.ended,
    endingHistory: truce.endingHistory,
    suspensions: truce.suspensions,
    recordedAt: truce.recordedAt,
    streamVersion: truce.version,
  };
}
