import { Classification, classifyWindow } from '../../incidents/domain/classification';
import { TimeSpec, timeWindow } from '../../incidents/domain/value-objects';

/**
 * Observations are classified as incidents are, by when they were observed (DOMAIN.md): the
 * one rule of the incidents' classification, applied to `observedAt`, relative to the truce's
 * effective instant E and its end X (null while it runs).
 */
export function classifyObservation(observedAt: TimeSpec, effectiveAt: string, endAt: string | null = null): Classification {
  return classifyWindow(timeWindow(observedAt), Date.parse(effectiveAt), endAt === null ? null : Date.parse(endAt));
}
