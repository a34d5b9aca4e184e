import { RecordedEvent } from './event-store.types';
import { SqlClient } from './sql-client';

/** An event as planned before the append lock: all but where the log puts it, which the INSERT decides. */
export type UnplacedEvent = Omit<RecordedEvent, 'position' | 'logIndex'>;

/**
 * Rows of streams a batch begins, written by the batch's INSERT statement itself (one round trip
 * fewer with the append lock held): each row is made before the lock, from the stream's events as
 * planned, and the statement's CTE gives it the positions of the rows just inserted.
 */
export interface NewStreamProjection {
  /**
   * One CTE of the INSERT (`name AS (…)`), reading `$rows` — a JSON array of the rows `row` made —
   * and `inserted` (position, log_index, stream_id, stream_version of each event written).
   */
  sql: string;
  /** The JSON text of the row the events of a new stream make; null when that stream's row is left to apply(). */
  row(events: UnplacedEvent[]): string | null;
}

/**
 * Read models kept in the append transaction: a projection sees the events just written and
 * updates its rows with SQL on the transaction's connection, so the log and the read models
 * commit (or fail) together. The store knows this interface, not what the projections are.
 */
export interface InlineProjection {
  apply(sql: SqlClient, events: RecordedEvent[]): Promise<void>;
  /** The rows of new streams it writes in the INSERT (those events are then not passed to apply). */
  newStreams?: NewStreamProjection;
}

export const INLINE_PROJECTION = Symbol('INLINE_PROJECTION');
