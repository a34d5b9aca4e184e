import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export interface HashedFields {
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

/**
 * hash = SHA-256(previous hash of the stream ‖ canonical event). Position is left out on
 * purpose: it is handed out by the database, and the chain must be computable before insert.
 */
export function eventHash(prevHash: string | null, event: HashedFields): string {
  const canonical = canonicalJson({
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt,
  });
  return createHash('sha256')
    .update(prevHash ?? '')
    .update('\n')
    .update(canonical)
    .digest('hex');
}
