/**
 * An event as the domain sees it: a stable past-tense type string, the schema version of its
 * data, and the data itself. The event store adds position, stream version, metadata and hash.
 */
export interface DomainEvent<TType extends string = string, TData = unknown> {
  type: TType;
  schemaVersion: number;
  data: TData;
}

/** A domain event as read back from the log, with the facts of the store that folds read. */
export type Recorded<E extends DomainEvent> = E & { recordedAt: string; streamVersion: number };

/** Kept here too, where every event's data first found it. */
export type { Source } from './source';
