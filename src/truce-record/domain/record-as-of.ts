import { IncidentState } from '../../incidents/domain/incident';
import { countingEndings, TruceState } from '../../truces/domain/truce';
import { zoneEventTimes, zonesAsOf } from '../../zones/domain/zone';

/**
 * The record as it stood at record time K (the `asOf` clock), derived from today's state: every
 * fact in a state carries the time it was recorded, so dropping those recorded after K gives
 * exactly the state a replay of the events recorded by K would fold to (a law the property
 * tests check). Instants are ISO strings of one format, so they compare as strings.
 */
export function truceAsOf(truce: TruceState, k: string): TruceState | null {
  if (truce.recordedAt > k) return null;
  if (truce.updatedAt <= k) return truce;
  const known = <T extends { recordedAt: string }>(xs: T[]) => xs.filter((x) => x.recordedAt <= k);
  const effectiveAtHistory = known(truce.effectiveAtHistory);
  const current = effectiveAtHistory[effectiveAtHistory.length - 1];
  const suspensions = known(truce.suspensions);
  const milestones = known(truce.milestones);
  // Which collapse and end count depends on what was recorded by K (a later reopening is unknown then).
  const endingHistory = known(truce.endingHistory);
  const zones = truce.zones && zonesAsOf(truce.zones, k);
  const events = [
    truce.recordedAt,
    ...effectiveAtHistory.slice(1).map((h) => h.recordedAt),
    ...suspensions.map((s) => s.recordedAt),
    ...milestones.map((m) => m.recordedAt),
    ...endingHistory.map((e) => e.recordedAt),
    ...zoneEventTimes(zones ?? []),
  ];
  return {
    ...truce,
    effectiveAt: current.effectiveAt,
    effectiveAtSource: current.effectiveAtSource,
    effectiveAtHistory,
    suspensions,
    milestones,
    endingHistory,
    ...countingEndings(endingHistory),
    // A truce with no zone event recorded by K folds to a state without zones.
    zones: zones?.length ? zones : undefined,
    updatedAt: events.reduce((a, b) => (a > b ? a : b)),
    version: events.length,
  };
}

export function incidentAsOf(incident: IncidentState, k: string): IncidentState | null {
  if (incident.recordedAt > k) return null;
  if (incident.updatedAt <= k) return incident;
  const known = <T extends { recordedAt: string }>(xs: T[]) => xs.filter((x) => x.recordedAt <= k);
  const history = known(incident.verification.history);
  const attributionHistory = known(incident.attributionHistory);
  const casualtyHistory = known(incident.casualtyHistory);
  const denials = known(incident.denials);
  const retracted = incident.retracted && incident.retracted.recordedAt <= k ? incident.retracted : null;
  const events = [
    ...casualtyHistory.map((c) => c.recordedAt),
    ...history.map((h) => h.recordedAt),
    ...attributionHistory.map((a) => a.recordedAt),
    ...denials.map((d) => d.recordedAt),
  ];
  if (retracted) events.push(retracted.recordedAt);
  return {
    ...incident,
    verification: { status: history.length ? history[history.length - 1].status : 'unverified', history },
    attribution: attributionHistory.length ? attributionHistory[attributionHistory.length - 1] : null,
    attributionHistory,
    casualties: casualtyHistory[casualtyHistory.length - 1].casualties,
    casualtyHistory,
    denials,
    retracted,
    updatedAt: events.reduce((a, b) => (a > b ? a : b)),
    version: events.length,
  };
}
