/**
 * A canonical serialisation for hashing, in the spirit of RFC 8785 (JCS): object keys sorted by
 * UTF-16 code units, no whitespace, numbers and strings as ECMAScript's JSON.stringify writes
 * them. Values read back from jsonb serialise identically, since jsonb keeps values but not key
 * order or spacing. (The `canonicalize` package is import-only ESM, which this CommonJS build
 * cannot require.)
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`Cannot serialise ${typeof value} canonically`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
