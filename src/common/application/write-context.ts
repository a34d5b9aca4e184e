import { IdempotencyClaim } from '../../event-store/event-store.types';

/** Who is writing and under which guarantees: carried by every command. */
export interface WriteContext {
  /** The API key's name: written into each event's metadata.actor. */
  actor: string;
  correlationId: string;
  idempotency?: IdempotencyClaim;
  /** From If-Match: the stream version the client last saw. */
  ifMatch?: number;
}

/** What every write answers (API.md, "Write responses"). */
export interface WriteResult {
  position: number;
  streamVersion: number;
}
