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
  withdrawn: { recordedAt: string } | null;
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
