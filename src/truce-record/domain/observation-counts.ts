import { ASSESSMENTS, Assessment, OBSERVATION_KINDS, ObservationKind, ObservationState } from '../../observations/domain/observation';
import { classifyObservation } from '../../observations/domain/observation-classification';
import { endInstant, TruceState } from '../../truces/domain/truce';
import { TruceStatus } from './truce-status';

/** TruceSummary `counts.observations` (API.md): records, not their `count`, by kind and by assessment. */
export interface ObservationCounts {
  total: number;
  byKind: Record<ObservationKind, number>;
  byAssessment: Record<Assessment, number>;
}

export interface ObservationFindings {
  counts: ObservationCounts;
  /** Per party: observations whose origin names it. */
  byOrigin: Map<string, number>;
  /** Rule 5, second half: a counted observation assessed `ceasefire_violation`. */
  violationObserved: boolean;
}

const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * What the truce's observations say at valid time T (DOMAIN.md): only those that count — made
 * by T (`observedAt.from <= T`), `post_truce`, not withdrawn — the rest count nowhere. Pure, on
 * the record as it stood (the caller drops what was recorded after asOf).
 */
export function observationFindings(truce: TruceState, observations: readonly ObservationState[], at: string): ObservationFindings {
  const t = Date.parse(at);
  const counts: ObservationCounts = { total: 0, byKind: zeros(OBSERVATION_KINDS), byAssessment: zeros(ASSESSMENTS) };
  const byOrigin = new Map<string, number>();
  let violationObserved = false;
  const end = endInstant(truce);
  for (const observation of observations) {
    if (observation.withdrawn) continue;
    if (Date.parse(observation.observedAt.from) > t) continue;
    if (classifyObservation(observation.observedAt, truce.effectiveAt, end) !== 'post_truce') continue;
    counts.total += 1;
    counts.byKind[observation.kind] += 1;
    counts.byAssessment[observation.assessment] += 1;
    byOrigin.set(observation.origin, (byOrigin.get(observation.origin) ?? 0) + 1);
    if (observation.assessment === 'ceasefire_violation') violationObserved = true;
  }
  return { counts, byOrigin, violationObserved };
}

/**
 * Rule 5 with observations: `violated` ranks below the lifecycle rules (1–4) and above
 * `contested` and `holding`, so an observed violation turns only those two into `violated`.
 */
export function withObservedViolation(status: TruceStatus, findings: ObservationFindings): TruceStatus {
  return findings.violationObserved && (status === 'contested' || status === 'holding') ? 'violated' : status;
}

/** The last observation time that can change an answer (see statusHorizon). */
export function observationHorizon(observations: readonly ObservationState[]): number {
  return observations.reduce((latest, o) => Math.max(latest, Date.parse(o.observedAt.from)), Number.NEGATIVE_INFINITY);
}
