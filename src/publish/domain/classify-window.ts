/**
 * DOMAIN.md's classification of an occurrence window [from, to) against the truce's effective
 * instant E and its end X (null while it runs): `pre_truce` when to ≤ E, `after_end` when
 * from ≥ X, `post_truce` when from ≥ E and (no X or to ≤ X), `ambiguous` otherwise — the window
 * straddles E or X. Instants in ms since the epoch.
 */
export function classifyWindowAgainst(window: { from: number; to: number }, effectiveAt: number, end: number | null): string {
  if (window.to <= effectiveAt) return 'pre_truce';
  if (end !== null && window.from >= end) return 'after_end';
  if (window.from >= effectiveAt && (end === null || window.to <= end)) return 'post_truce';
  return 'ambiguous';
}
