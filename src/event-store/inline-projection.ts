import { EntityManager } from 'typeorm';
import { RecordedEvent } from './event-store.types';

/**
 * Read models kept in the append transaction: a projection sees the events just written and
 * updates its rows through the transaction's manager, so the log and the read models commit
 * (or fail) together. The store knows this interface, not what the projections are.
 */
export interface InlineProjection {
  apply(manager: EntityManager, events: RecordedEvent[]): Promise<void>;
}

export const INLINE_PROJECTION = Symbol('INLINE_PROJECTION');
