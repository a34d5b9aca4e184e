import { QueryRunner } from 'typeorm';
import { RecordedEvent } from '../event-store/event-store.types';
import { InlineProjection } from '../event-store/inline-projection';
import { sqlClientOf } from '../event-store/sql-client';

/**
 * Chunks a worker may have waiting behind the one it is folding before the reader waits for it:
 * memory stays bounded (per worker, the chunk being filled and 1 + this in flight) whatever the
 * log's length. One waiting chunk is enough to keep each connection busy (with 1, 4 workers
 * peaked at 305 MB on a 1M-event log).
 */
const QUEUED_CHUNKS = 0;

/** The partition of a stream: FNV-1a of its id, so every event of a stream lands in the same one. */
export function partitionOf(streamId: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < streamId.length; i++) hash = Math.imul(hash ^ streamId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % partitions;
}

/**
 * Folds the events of one partition of the streams, chunk after chunk in log order, on a
 * connection (and transaction) of its own. A read-model row is the fold of one stream's events
 * alone, so partitions never touch the same rows and may run side by side.
 */
class PartitionWorker {
  private pending: RecordedEvent[] = [];
  /** The chunks handed to the connection and not yet folded, oldest first (each waits for the one before). */
  private inFlight: Promise<void>[] = [];
  private failure: Error | null = null;

  constructor(
    private readonly runner: QueryRunner,
    private readonly projector: InlineProjection,
    private readonly chunkSize: number,
    private readonly onFolded: (events: number) => void,
  ) {}

  /**
   * Adds an event; hands a full chunk to the connection. Answers a promise only when too many
   * chunks are queued (the caller waits for the oldest), so the common case costs no await per event.
   */
  push(event: RecordedEvent): Promise<void> | undefined {
    this.pending.push(event);
    if (this.pending.length < this.chunkSize) return undefined;
    this.dispatch();
    this.rethrow();
    return this.inFlight.length > 1 + QUEUED_CHUNKS ? this.inFlight[0].then(() => this.rethrow()) : undefined;
  }

  /** Folds what is left and waits for every chunk. */
  async drain(): Promise<void> {
    if (this.pending.length) this.dispatch();
    await Promise.all(this.inFlight);
    this.rethrow();
  }

  private dispatch(): void {
    const chunk = this.pending;
    this.pending = [];
    const previous = this.inFlight[this.inFlight.length - 1] ?? Promise.resolve();
    const folded: Promise<void> = previous.then(async () => {
      try {
        // After a failure the rebuild is abandoned: later chunks are not folded.
        if (this.failure === null) {
          await this.projector.apply(sqlClientOf(this.runner), chunk);
          this.onFolded(chunk.length);
        }
      } catch (error) {
        this.failure = error instanceof Error ? error : new Error(String(error));
      } finally {
        void this.inFlight.splice(this.inFlight.indexOf(folded), 1);
      }
    });
    this.inFlight.push(folded);
  }

  private rethrow(): void {
    if (this.failure !== null) throw this.failure;
  }
}

/**
 * Folds `batches` (read in log order) into the read models on `runners`, one partition of the
 * streams per runner, in parallel: the reader goes on while the partitions' upserts wait on
 * PostgreSQL. Each stream's events reach its partition in log order, so each row ends as the
 * sequential fold would leave it. Resolves with the last position read, once every chunk is folded.
 */
export async function foldPartitioned(
  batches: AsyncIterable<RecordedEvent[]>,
  runners: QueryRunner[],
  projector: InlineProjection,
  chunkSize: number,
  after: number,
  onFolded: (events: number) => void,
): Promise<number> {
  const workers = runners.map((runner) => new PartitionWorker(runner, projector, chunkSize, onFolded));
  // Every worker drained, even when reading or another worker failed: no chunk may still be
  // running on a connection about to be released.
  const drainAll = async () => {
    const drained = await Promise.allSettled(workers.map((worker) => worker.drain()));
    return drained.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  };
  let last = after;
  try {
    for await (const batch of batches) {
      for (const event of batch) {
        const full = workers[partitionOf(event.streamId, workers.length)].push(event);
        if (full) await full;
      }
      last = batch[batch.length - 1].position;
    }
  } catch (error) {
    await drainAll();
    throw error;
  }
  const failed = await drainAll();
  if (failed) throw failed.reason as Error;
  return last;
}
