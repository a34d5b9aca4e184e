import { Classification, classifyWindow } from '../../incidents/domain/classification';
import { TimeSpec, timeWindow } from '../../incidents/domain/value-objects';

/**
 * Observations are classified as incidents are, by when they were observed (DOMAIN.md): the
 * one rule of the incidents' classification, applied to `observedAt`. Every caller in this
 * slice goes through here, so a change to that rule's inputs (the truce's end) is made once.
 */
export function classifyObservation(observedAt: TimeSpec, effectiveAt: string): Classification {
  return classifyWindow(timeWindow(observedAt), Date.parse(effectiveAt));
}
