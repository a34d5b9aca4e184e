import { RecordedEvent } from './event-store.types';
import { SqlClient } from './sql-client';

/**
 * Read models kept in the append transaction: a projection sees the events just written and
 * updates its rows with SQL on the transaction's connection, so the log and the read models
 * commit (or fail) together. The store knows this interface, not what the projections are.
 */
export interface InlineProjection {
  apply(sql: SqlClient, events: RecordedEvent[]): Promise<void>;
}

export const INLINE_PROJECTION = Symbol('INLINE_PROJECTION');
