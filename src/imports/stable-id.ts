import { createHash } from 'node:crypto';

/**
 * The namespace of imported incidents' ids: the UUIDv5 of
 * `https://github.com/ceasefire-monitor/imports/incidents` under RFC 9562's URL namespace. Fixed for ever: changing it would give every row of a dataset imported
 * before a new id, and a re-import would record them all a second time.
 */
export const IMPORT_NAMESPACE = '0a2fa715-566f-53b4-9286-3fd6d09593cc';

/** RFC 9562 UUIDv5: SHA-1 of the namespace's bytes and the name, with version and variant set. */
export function uuidV5(name: string, namespace: string = IMPORT_NAMESPACE): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
