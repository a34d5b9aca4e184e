import { ClientBase } from 'pg';
import { EntityManager } from 'typeorm';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from '../event-store/event-row';
import { RecordedEvent } from '../event-store/event-store.types';
import { InlineProjection } from '../event-store/inline-projection';
import { SqlClient } from '../event-store/sql-client';
import { COPIED_READ_MODELS, CopiedReadModel } from './copied-read-models';
import { copyField, copyFromStdin, CopyValue } from './copy-from-stdin';

/**
 * The log up to `head`, stream after stream (each in version order), a page at a time: by the
 * (stream_id, stream_version) index, so a stream's events come together and its row is folded
 * once, in memory, and written once. Positions up to `head` are all committed (appends commit in
 * position order under the append lock), so the pages need no common snapshot.
 */
export async function* readLogByStream(
  manager: EntityManager,
  head: number,
  pageSize: number,
  upcast: (event: RecordedEvent) => RecordedEvent,
): AsyncGenerator<RecordedEvent[]> {
  let after: [string, number] | null = null;
  for (;;) {
    const rows: EventRow[] = after
      ? await manager.query(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE (stream_id, stream_version) > ($1, $2) AND position <= $3 ORDER BY stream_id, stream_version LIMIT $4`,
          [...after, head, pageSize],
        )
      : await manager.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE position <= $1 ORDER BY stream_id, stream_version LIMIT $2`, [head, pageSize]);
    if (rows.length === 0) return;
    yield rows.map((row) => upcast(toRecordedEvent(row)));
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1];
    after = [last.stream_id, last.stream_version];
  }
}

/** A connection writing rebuilt rows, in a transaction of its own, and what it is writing now. */
export interface RowWriter {
  client: ClientBase;
  sql: SqlClient;
}

/** The stream being folded: its model (none: the inline projection's), state and row position. */
interface OpenStream {
  streamId: string;
  model: CopiedReadModel | undefined;
  state: unknown;
  position: number | null;
}

/**
 * Folds pages of the log in stream order (readLogByStream) into the read models: a stream's row
 * is folded in memory across its events (and across pages), then written once with COPY. Each
 * page's rows go to the writers in turn, while the next page is folded: at most one page in flight
 * per writer, so memory stays bounded. Streams of models not in COPIED_READ_MODELS go through the
 * inline projection, always on the first writer, so that a stream spanning pages finds its row.
 */
export async function foldByStream(
  pages: AsyncIterable<RecordedEvent[]>,
  writers: RowWriter[],
  projector: InlineProjection,
  onFolded: (events: number) => void,
): Promise<void> {
  const inFlight: Promise<void>[] = writers.map(() => Promise.resolve());
  let turn = 0;
  let open = null as OpenStream | null;
  let rows = new Map<CopiedReadModel, CopyLines>();
  let others: RecordedEvent[] = [];

  const close = () => {
    if (!open?.model || open.state === null || open.position === null) return;
    // Made into its COPY line at once, so that the state and row objects die young (GC).
    const row = open.model.row(open.state, open.position);
    let lines = rows.get(open.model);
    if (!lines) rows.set(open.model, (lines = { columns: Object.keys(row), text: [] }));
    lines.text.push(copyLine(row, lines.columns));
  };
  const dispatch = async (events: number) => {
    const page = rows;
    const rest = others;
    rows = new Map();
    others = [];
    // The inline projection's streams need their earlier rows: always the first writer, in order.
    const index = rest.length ? 0 : turn++ % writers.length;
    await inFlight[index];
    const writer = writers[index];
    inFlight[index] = (async () => {
      if (rest.length) await projector.apply(writer.sql, rest);
      for (const [model, lines] of page) {
        await copyFromStdin(writer.client, `COPY ${model.table} (${lines.columns.join(', ')}) FROM STDIN`, lines.text.join(''));
      }
      onFolded(events);
    })();
    // Not awaited here, but never unobserved: the next wait on this writer (or the drain) rethrows.
    inFlight[index].catch(() => undefined);
  };

  // Every write finished, even after a failure: none may still run on a connection being released.
  const drain = async () => {
    const outcomes = await Promise.allSettled(inFlight);
    return outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  };
  try {
    for await (const page of pages) {
      for (const event of page) {
        if (open?.streamId !== event.streamId) {
          close();
          const model = COPIED_READ_MODELS.find((m) => m.owns(event.streamId));
          open = { streamId: event.streamId, model, state: null, position: null };
        }
        if (!open.model) {
          others.push(event);
          continue;
        }
        open.state = open.model.evolve(open.state, event);
        if (event.type === open.model.positionEvent) open.position = event.position;
      }
      // The last stream of the page may go on in the next one: it stays open.
      await dispatch(page.length);
    }
    close();
    await dispatch(0);
  } catch (error) {
    await drain();
    throw error;
  }
  const failed = await drain();
  if (failed) throw failed.reason as Error;
}

/** A page's rows of one model (all with the same columns), as COPY text lines. */
interface CopyLines {
  columns: string[];
  text: string[];
}

/** One row as a COPY text line. */
function copyLine(row: Record<string, CopyValue>, columns: string[]): string {
  let line = '';
  for (let i = 0; i < columns.length; i++) line += (i ? '\t' : '') + copyField(row[columns[i]]);
  return line + '\n';
}
