import { CSV_COLUMNS } from '../incidents/incident-export.rows';

/** Columns this importer reads beyond the export's: which reporter filed it, and under which truce. */
const EXTRA_COLUMNS = ['reporter_type', 'truce_id'] as const;

/** Export columns added later (graded sources): files exported before them still import; their values are not read back. */
const LATER_COLUMNS: readonly string[] = ['source_reliability', 'source_credibility'];

/**
 * Checks a CSV header against our own export's (incident-export.rows.ts): every column it writes
 * must be there, and nothing else but the two optional extras; a file of another shape is refused
 * as a whole, before any row is read.
 */
export function checkCsvHeader(header: string[]): string[] {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !names.includes(c) && !LATER_COLUMNS.includes(c));
  const known = new Set<string>([...CSV_COLUMNS, ...EXTRA_COLUMNS]);
  const unknown = names.filter((n) => !known.has(n));
  if (missing.length || unknown.length) {
    const parts = [missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean);
    throw new Error(`The CSV header is not that of the incident export (${parts.join('; ')}).`);
  }
  return names;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One row of an incident CSV (our export's columns, ACLED-style: actor1 is the accused) as an
 * import command — the same shape as a line of an NDJSON import, validated by the same rules.
 * - `event_id` is the row's stable id: the incident's id is derived from it (and the truce).
 * - `event_date` may be a date (then the precision is `day`, whatever `time_precision` says: a
 *   date cannot state a minute) or a full instant (then `time_precision` applies).
 * - `reported_by` is the reporter; `reporter_type` (optional) says which kind, else it is `party`
 *   when `actor2` names it (the export fills actor2 only for a party) and `monitor` otherwise.
 * - `fatalities` become killed, of unknown affiliation; `source` is `name <url>; name <url>`.
 * - `verification` and `classification` are not read back: a verification is a monitor's finding
 *   recorded on its own, and the classification follows from the dates.
 * Cells the export neutralised against spreadsheet formulas (a leading apostrophe) are restored.
 * Values are passed on as written when they do not parse, so that validation names the field.
 */
export function incidentCsvCommand(row: Record<string, string>, defaultTruceId: string | undefined): Record<string, unknown> {
  const cell = (name: string): string => restore((row[name] ?? '').trim());
  const optional = (name: string): string | undefined => cell(name) || undefined;
  const date = cell('event_date');
  const dateOnly = DATE_ONLY.test(date);
  const fatalities = cell('fatalities');
  const command: Record<string, unknown> = {
    truceId: optional('truce_id') ?? defaultTruceId,
    sourceId: optional('event_id'),
    reportedBy: cell('reported_by'),
    reporterType: optional('reporter_type') ?? (cell('actor2') ? 'party' : 'monitor'),
    accusedParty: cell('actor1'),
    occurredAt: { from: dateOnly ? `${date}T00:00:00Z` : date, precision: dateOnly ? 'day' : cell('time_precision') },
    location: withoutEmpty({
      name: cell('location'),
      admin1: optional('admin1'),
      countryIso3: optional('country_iso3'),
      lat: number(cell('latitude')),
      lon: number(cell('longitude')),
      precision: optional('geo_precision'),
    }),
    sources: sourceList(cell('source')),
    weapons: cell('weapons')
      ? cell('weapons')
          .split(';')
          .map((w) => w.trim())
          .filter(Boolean)
      : undefined,
    casualties: fatalities ? { killed: { unknown: number(fatalities) } } : undefined,
    description: optional('notes'),
  };
  return withoutEmpty(command);
}

/** Undoes neutralizeCell: `'=x` was written for a cell `=x`. */
function restore(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

function number(text: string): number | string | undefined {
  if (!text) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : text;
}

/** `AP <https://…>; Reuters` → [{ name: 'AP', url: 'https://…' }, { name: 'Reuters' }]. */
function sourceList(text: string): { name: string; url?: string }[] {
  if (!text) return [];
  return text
    .split(/;\s*/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(.*?)\s*<([^<>]+)>$/.exec(part);
      return match ? { name: match[1], url: match[2] } : { name: part };
    });
}

function withoutEmpty<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}
