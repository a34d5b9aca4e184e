import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

/** The fields of an event that its hash covers, as GET /events serves them (stored, never upcast). */
export interface HashedEventFields {
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
}

/** An event as GET /events serves it: the hashed fields plus its place in the chain and the log. */
export interface ServedEvent extends HashedEventFields {
  hash: string;
  prevHash: string | null;
  logIndex: number;
}

/**
 * hash = hex SHA-256(prevHash ‖ "\n" ‖ JCS({streamId, streamVersion, type, schemaVersion, data,
 * metadata, recordedAt})), prevHash being the hex hash of the stream's previous event, or the
 * empty string for its first. The log position is left out: the database hands it out, and the
 * chain must be computable before the insert.
 */
export function eventHash(prevHash: string | null, event: HashedEventFields): string {
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

/** Recomputes a served event's hash from its own fields and its prevHash. */
export function recomputeEventHash(event: ServedEvent): string {
  return eventHash(event.prevHash, event);
}
