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
  // Built by appending, without the intermediate arrays of entries and parts: this runs once per
  // event appended (the hash chain), and a bulk import appends thousands per transaction. The
  // output is that of src/verifier/canonical-json.ts, byte for byte (src/verifier/event-hash.spec.ts).
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole is written as nothing, as map-and-join always wrote it (asJson fills holes first).
      if (!(i in value)) continue;
      const item: unknown = value[i];
      out += canonicalJson(item === undefined ? null : item);
    }
    return out + ']';
  }
  const object = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, as RFC 8785 asks.
  const keys = Object.keys(object).sort();
  out = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + canonicalJson(item);
    first = false;
  }
  return out + '}';
}
