import { TimeSpec, timeWindow } from './value-objects';

export type Classification = 'post_truce' | 'pre_truce' | 'ambiguous';

/**
 * Where an incident's window [from, to) lies relative to the truce's effective instant E
 * (DOMAIN.md): wholly at or after E, wholly before E, or straddling it. Always the time the
 * incident occurred, never when it was reported.
 */
export function classify(occurredAt: TimeSpec, effectiveAt: string): Classification {
  const e = Date.parse(effectiveAt);
  const { from, to } = timeWindow(occurredAt);
  if (from >= e) return 'post_truce';
  if (to <= e) return 'pre_truce';
  return 'ambiguous';
}
