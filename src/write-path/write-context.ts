import { Command } from '@nestjs/cqrs';
import { IdempotencyClaim } from '../event-store/event-store.types';

/** Who is writing and under which guarantees: carried by every command. */
export interface WriteContext {
  /** The API key's name: written into each event's metadata.actor. */
  actor: string;
  /** True for an admin key, which may act on anyone's report. */
  isAdmin: boolean;
  correlationId: string;
  idempotency?: IdempotencyClaim;
  /**
   * With an Idempotency-Key: a key derived from the client's raw Idempotency-Key, which the
   * database never holds (scopes are digests), to seal what a replay must repeat but the database
   * must not read — a new API key's secret.
   */
  seal?: Buffer;
  /** From If-Match: the stream version the client last saw. */
  ifMatch?: number;
}

/** An aggregate's command on the bus, with who sends it and under which guarantees. One subclass per aggregate: the bus routes by class. */
export abstract class CommandMessage<C, R> extends Command<R> {
  constructor(
    readonly command: C,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
