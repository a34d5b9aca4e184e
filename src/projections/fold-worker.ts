import { parentPort, workerData } from 'node:worker_threads';
import { ClientConfig } from 'pg';
import { TimeoutSafeClient } from '../database/timeout-safe-client';
import { RecordedEvent } from '../event-store/event-store.types';
import { upcastEvent } from '../event-store/upcaster';
import { COPIED_MODEL_UPCASTERS } from './copied-read-models';
import { FoldedEvent, foldByStream, readAhead, readLogByStream, StreamRange } from './stream-ordered-fold';

/** What a fold worker is given: one stream range of the log up to `head`, and the scratch schema to fill. */
export interface FoldJob {
  connection: ClientConfig;
  schema: string;
  head: number;
  range: StreamRange;
  pageSize: number;
}

/** What a fold worker tells the rebuild: events folded, the inline projection's events to apply, the end. */
export type FoldWorkerMessage = { folded: number } | { others: RecordedEvent[] } | { done: true };

/**
 * A worker thread of the rebuild (fold-in-workers.ts): reads its stream range on a connection of
 * its own, folds it and COPYs the rows into the scratch tables on another, in one transaction
 * committed when the range is done (the scratch tables were committed before the workers start,
 * so they see them; a failure rolls back as the thread ends and the rebuild drops the schema).
 * Events of streams the inline projection owns (a few truces) go back to the rebuild, which
 * applies them in order on its own connection with the app's projector.
 */
async function run(job: FoldJob): Promise<void> {
  const post = (message: FoldWorkerMessage) => parentPort!.postMessage(message);
  const reader = new TimeoutSafeClient(job.connection);
  const writer = new TimeoutSafeClient(job.connection);
  await reader.connect();
  await writer.connect();
  try {
    await writer.query('BEGIN');
    await writer.query(`SET LOCAL search_path TO ${job.schema}, public`);
    const upcast = <E extends FoldedEvent>(event: E) => upcastEvent(COPIED_MODEL_UPCASTERS, event);
    const forward = { apply: (_sql: unknown, events: RecordedEvent[]) => Promise.resolve(post({ others: events })) };
    const pages = readAhead(readLogByStream(reader, job.head, job.pageSize, upcast, job.range));
    await foldByStream(pages, [{ client: writer, sql: writer }], forward, (events) => post({ folded: events }));
    await writer.query('COMMIT');
    post({ done: true });
  } finally {
    await reader.end();
    await writer.end();
  }
}

if (parentPort && workerData) void run(workerData as FoldJob);
