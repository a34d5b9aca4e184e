import { TimeSpec, timeWindow } from './value-objects';

export type Classification = 'post_truce' | 'pre_truce' | 'ambiguous';
export const CLASSIFICATIONS: readonly Classification[] = ['post_truce', 'pre_truce', 'ambiguous'];

/**
 * Where an incident's window [from, to) lies relative to the truce's effective instant E
 * (DOMAIN.md): wholly at or after E, wholly before E, or straddling it. Always the time the
 * incident occurred, never when it was reported.
 */
export function classify(occurredAt: TimeSpec, effectiveAt: string): Classification {
  return classifyWindow(timeWindow(occurredAt), Date.parse(effectiveAt));
}

/** The same rule on instants already parsed (ms since the epoch), for loops over many incidents. */
export function classifyWindow(window: { from: number; to: number }, effectiveAt: number): Classification {
  if (window.from >= effectiveAt) return 'post_truce';
  if (window.to <= effectiveAt) return 'pre_truce';
  return 'ambiguous';
}
