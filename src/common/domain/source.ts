/**
 * Where a claim comes from (DOMAIN.md, "Sources everywhere"), graded by the recording monitor on
 * the Admiralty (NATO) scale: `reliability` of the source A (completely reliable) to F (cannot be
 * judged), `credibility` of the information 1 (confirmed) to 6 (cannot be judged). Every grade is
 * optional: events recorded before grades existed carry `{ name, url? }` only, and read the same.
 */
export const SOURCE_KINDS = ['party_statement', 'media', 'monitor', 'ngo', 'social_media', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export const RELIABILITY_GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Reliability = (typeof RELIABILITY_GRADES)[number];

/** Credibility is a whole number (JSON integer), 1 best; the API takes no strings for it. */
export const CREDIBILITY_GRADES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITY_GRADES)[number];

export interface Source {
  name: string;
  url?: string;
  kind?: SourceKind;
  reliability?: Reliability;
  credibility?: Credibility;
  /** Whether the source saw or heard it itself. */
  firstHand?: boolean;
  /** ISO 639-1 code of the source's language, e.g. `hy`, `az`, `ru`. */
  language?: string;
  /** The source's words in its original language. */
  verbatim?: string;
}

/** A statement kept in its own words, with an optional translation and who made it. */
export interface TranslatedText {
  text: string;
  language: string;
  translation?: { text: string; language: string; by: string };
}

/** A denial's statement: plain text (as recorded before languages were kept), or text with its language. */
export type Statement = string | TranslatedText;

/** The text of a statement in its original words, whichever form it was recorded in. */
export const statementText = (statement: Statement): string => (typeof statement === 'string' ? statement : statement.text);

/**
 * The best-graded of `sources` (API.md: the CSV's source_reliability and source_credibility are
 * both of it): ranked by reliability (A best), then credibility (1 best), an ungraded scale
 * ranking below every grade. Null when no source carries any grade.
 */
export function bestGradedSource(sources: readonly Source[]): Source | null {
  const rank = (s: Source): [string, number] => [s.reliability ?? 'Z', s.credibility ?? 7];
  let best: Source | null = null;
  for (const s of sources) {
    if (s.reliability === undefined && s.credibility === undefined) continue;
    if (best === null) {
      best = s;
      continue;
    }
    const [r, c] = rank(s);
    const [br, bc] = rank(best);
    if (r < br || (r === br && c < bc)) best = s;
  }
  return best;
}
