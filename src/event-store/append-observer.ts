/** One transaction of the append path (group commit), as an observer sees it. */
export interface AppendBatchObservation {
  /** Append requests the batch carried. */
  requests: number;
  /** Events it wrote (none when every request was refused or a replay). */
  events: number;
  /** From taking the batch off the queue to its outcome. */
  seconds: number;
  /** `failed`: the transaction wrote nothing (the database refused or was unreachable). */
  outcome: 'committed' | 'failed';
}

/**
 * Told of every batch the store commits or gives up on. The store calls it and knows nothing of
 * what listens (metrics, in this app): it must not throw, and must be quick.
 */
export type AppendBatchObserver = (observation: AppendBatchObservation) => void;
