import { applyFinding, ObservationState } from './observation';

/**
 * The observation as it stood at record time K (the `asOf` clock), derived from today's state as
 * record-as-of.ts does for truces and incidents: every fact carries the time it was recorded, so
 * dropping those recorded after K gives the state a replay of the events recorded by K folds to.
 * Instants are ISO strings of one format, so they compare as strings.
 */
export function observationAsOf(observation: ObservationState, k: string): ObservationState | null {
  if (observation.recordedAt > k) return null;
  if (observation.updatedAt <= k) return observation;
  const assessmentHistory = observation.assessmentHistory.filter((step) => step.recordedAt <= k);
  const withdrawn = observation.withdrawn && observation.withdrawn.recordedAt <= k ? observation.withdrawn : null;
  const finding = assessmentHistory.reduce(applyFinding, observation.recordedFinding);
  const times = [observation.recordedAt, ...assessmentHistory.map((s) => s.recordedAt)];
  if (withdrawn) times.push(withdrawn.recordedAt);
  return {
    ...observation,
    ...finding,
    assessmentHistory,
    withdrawn,
    updatedAt: times.reduce((a, b) => (a > b ? a : b)),
    version: times.length,
  };
}
