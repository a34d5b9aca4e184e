import { TimeSpec, timeWindow } from '../../incidents/domain/value-objects';
import { CountableItem } from './countable-item';

/**
 * What the published figures need of an observation (DOMAIN.md's ObservationRecorded, folded with
 * its findings): structural, so this slice depends on no observation internals — the observations
 * slice's state satisfies it as is.
 */
export interface PublishableObservation {
  observationId: string;
  observedAt: TimeSpec;
  weapons: readonly string[];
  /** `undetermined`, or a party id. */
  origin: string;
  assessment: string;
  /** The finding as first recorded; `origin`/`assessment` are the latest. */
  recordedFinding: { origin: string; assessment: string };
  assessmentHistory: readonly { origin?: string; assessment?: string; recordedAt: string }[];
  withdrawn: { recordedAt: string } | null;
  recordedAt: string;
  updatedAt: string;
}

/**
 * The observation as the record stood at K (null when recorded after K): findings and a withdrawal
 * recorded after K are dropped, and origin/assessment replayed from the findings known by then —
 * what a replay of the events recorded by K folds to, as record-as-of.ts does for incidents.
 */
export function observationAsOf<O extends PublishableObservation>(observation: O, k: string): O | null {
  if (observation.recordedAt > k) return null;
  if (observation.updatedAt <= k) return observation;
  const history = observation.assessmentHistory.filter((step) => step.recordedAt <= k);
  const finding = history.reduce(
    (current, step) => ({ origin: step.origin ?? current.origin, assessment: step.assessment ?? current.assessment }),
    observation.recordedFinding,
  );
  const withdrawn = observation.withdrawn && observation.withdrawn.recordedAt <= k ? observation.withdrawn : null;
  const times = [observation.recordedAt, ...history.map((step) => step.recordedAt), ...(withdrawn ? [withdrawn.recordedAt] : [])];
  return { ...observation, ...finding, assessmentHistory: history, withdrawn, updatedAt: times.reduce((a, b) => (a > b ? a : b)) };
}

/** Observations as items: withdrawn ones count nowhere; an undetermined origin names no party. */
export function observationItems(
  observations: readonly PublishableObservation[],
  classify: (window: { from: number; to: number }) => string,
  zonesOf: (observation: PublishableObservation) => string[] = () => [],
): CountableItem[] {
  return observations
    .filter((o) => !o.withdrawn)
    .map((o) => {
      const window = timeWindow(o.observedAt);
      return {
        id: o.observationId,
        kind: 'observation',
        occurredFrom: window.from,
        classification: classify(window),
        verification: null,
        assessment: o.assessment,
        party: o.origin === 'undetermined' ? null : o.origin,
        weapons: [...o.weapons],
        zones: zonesOf(o),
        killed: 0,
        injured: 0,
      };
    });
}
