/**
 * The canonical serialisation the log hashes: RFC 8785 (JCS) for the values JSON can carry.
 * Object keys sorted by UTF-16 code units (JavaScript's own string order), no whitespace,
 * numbers and strings exactly as ECMAScript's JSON.stringify writes them (which is what JCS
 * prescribes). Members whose value is undefined are left out, and undefined in an array is
 * null, as JSON.stringify does, so an object serialises the same before and after a JSON round
 * trip — the event store hashes before writing and the auditor after reading.
 *
 * Byte-for-byte the same as the function the event store has always hashed with; a property test
 * holds the two together until the event store imports this one.
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
