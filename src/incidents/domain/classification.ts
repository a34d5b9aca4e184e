import { TimeSpec, timeWindow } from './value-objects';

export type Classification = 'post_truce' | 'pre_truce' | 'ambiguous' | 'after_end';
export const CLASSIFICATIONS: readonly Classification[] = ['post_truce', 'pre_truce', 'ambiguous', 'after_end'];

/**
 * Where an incident's window [from, to) lies relative to the truce's effective instant E and its
 * end X (DOMAIN.md: the counting collapse or end, or endsAt, whichever is earliest; null while
 * the truce runs): wholly before E, wholly at or after X, wholly within [E, X), or straddling E
 * or X. Always the time the incident occurred, never when it was reported.
 */
export function classify(occurredAt: TimeSpec, effectiveAt: string, endAt: string | null = null): Classification {
  return classifyWindow(timeWindow(occurredAt), Date.parse(effectiveAt), endAt === null ? null : Date.parse(endAt));
}

/** The same rule on instants already parsed (ms since the epoch), for loops over many incidents. */
export function classifyWindow(window: { from: number; to: number }, effectiveAt: number, endAt: number | null = null): Classification {
  if (window.to <= effectiveAt) return 'pre_truce';
  if (endAt !== null && window.from >= endAt) return 'after_end';
  if (window.from >= effectiveAt && (endAt === null || window.to <= endAt)) return 'post_truce';
  return 'ambiguous';
}
