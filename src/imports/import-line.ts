import { FieldError } from '../common/http/validation';

/** One record of an import file: its 1-based line number, and what it parsed to (or why it did not). */
export type ImportLine = { line: number; value: unknown } | { line: number; errors: FieldError[] };

/** Per-row errors: the rows of a file that were not recorded, and why. */
export interface FailedLine {
  line: number;
  errors: FieldError[];
}

/**
 * What an import did. `failed` lists at most FAILED_LISTED lines (a file of a million bad lines
 * must not come back as a response of a million entries); `failedCount` counts them all.
 */
export interface ImportSummary {
  imported: number;
  skipped: number;
  failedCount: number;
  failed: FailedLine[];
}

export const FAILED_LISTED = 1000;

/** The longest line an NDJSON import takes: as large as any request body the API accepts. */
export const MAX_LINE_BYTES = 1_048_576;
