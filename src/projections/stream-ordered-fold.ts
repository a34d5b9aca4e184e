import { ClientBase } from 'pg';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from '../event-store/event-row';
import { RecordedEvent } from '../event-store/event-store.types';
import { InlineProjection } from '../event-store/inline-projection';
import { SqlClient } from '../event-store/sql-client';
import { COPIED_READ_MODELS, CopiedReadModel } from './copied-read-models';
import { copyField, copyFromStdin, CopyValue } from './copy-from-stdin';

/**
 * What the folds of the copied read models read of an event (evolve, positionEvent): not its log
 * index, hash or the rest of its metadata, which the rebuild therefore does not read or parse.
 */
export type FoldedEvent = Pick<RecordedEvent, 'position' | 'streamId' | 'streamVersion' | 'type' | 'schemaVersion' | 'data' | 'recordedAt'> & {
  metadata: { actor?: string };
};

/**
 * An event as the page query returns it, in pg's array row mode (no object per row):
 * position, stream_id, stream_version, type, schema_version, data, metadata's actor, recorded_at.
 */
type PageRow = [string, string, number, string, number, unknown, string | null, string];

/**
 * recorded_at as the ISO text `Date.toISOString()` gives (what the folds keep), made by PostgreSQL:
 * both cut the microseconds to milliseconds, and this costs the reader no Date per event.
 */
const RECORDED_AT_ISO = `to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** Of the metadata only the actor (a string, EventMetadata.actor): evolveIncident's reporterKey. */
const PAGE_COLUMNS = `position, stream_id, stream_version, type, schema_version, data, metadata->>'actor', ${RECORDED_AT_ISO}`;

/** pg's parsers for the page query: jsonb as JSON, everything else (bigint too) as pg's text. */
const PAGE_TYPES = {
  getTypeParser: (oid: number) => (oid === JSONB_OID ? JSON.parse : oid === INT4_OID ? Number : (text: string) => text),
};
const JSONB_OID = 3802;
const INT4_OID = 23;

/** The stream ids a reader covers: from `from` (inclusive, null: the first) to `to` (exclusive, null: the last). */
export interface StreamRange {
  from: string | null;
  to: string | null;
}

/**
 * The log up to `head`, stream after stream (each in version order), a page at a time: by the
 * (stream_id, stream_version) index, so a stream's events come together and its row is folded
 * once, in memory, and written once. Positions up to `head` are all committed (appends commit in
 * position order under the append lock), so the pages need no common snapshot — nor do several
 * readers of disjoint stream ranges. Events of the copied models' streams come as FoldedEvents
 * (only what their folds read); the others' (the inline projection's, a few) are read again in
 * full, one query per page that has any.
 */
export async function* readLogByStream(
  client: ClientBase,
  head: number,
  pageSize: number,
  upcast: <E extends FoldedEvent>(event: E) => E,
  range: StreamRange = { from: null, to: null },
): AsyncGenerator<FoldedEvent[]> {
  let after: [string, number] | null = null;
  // The range's bounds, as parameters numbered from `first`.
  const bounds = (first: number) => {
    const where: string[] = [];
    const values: string[] = [];
    for (const [value, op] of [
      [range.from, '>='],
      [range.to, '<'],
    ] as const) {
      if (value === null) continue;
      values.push(value);
      where.push(` AND stream_id ${op} $${first + values.length - 1}`);
    }
    return { where: where.join(''), values };
  };
  for (;;) {
    const keyset: string = after ? '(stream_id, stream_version) > ($3, $4) AND ' : '';
    const extra = bounds(after ? 5 : 3);
    const result: { rows: PageRow[] } = await client.query<PageRow>({
      text: `SELECT ${PAGE_COLUMNS} FROM events WHERE ${keyset}position <= $1${extra.where} ORDER BY stream_id, stream_version LIMIT $2`,
      values: [head, pageSize, ...(after ?? []), ...extra.values],
      rowMode: 'array',
      types: PAGE_TYPES,
    } as never);
    const rows: PageRow[] = result.rows;
    if (rows.length === 0) return;
    yield await eventsOf(client, rows, upcast);
    if (rows.length < pageSize) return;
    const last: PageRow = rows[rows.length - 1];
    after = [last[1], last[2]];
  }
}

/**
 * `n` stream ranges of the log up to `head` holding about as many events each, cut at stream
 * boundaries (every event of a stream in one range), in the order PostgreSQL sorts stream ids —
 * the order the ranges' queries compare them in. Fewer when a few streams hold most events.
 */
export async function streamRanges(sql: SqlClient, head: number, n: number): Promise<StreamRange[]> {
  const [{ events }] = (await sql.query('SELECT count(*)::int AS events FROM events WHERE position <= $1', [head])).rows;
  const cuts: string[] = [];
  for (let k = 1; k < n; k++) {
    const { rows } = await sql.query('SELECT stream_id FROM events WHERE position <= $1 ORDER BY stream_id LIMIT 1 OFFSET $2', [
      head,
      Math.floor((events * k) / n),
    ]);
    // The first range begins with the first stream; a stream already cut at makes no new range.
    if (rows.length && rows[0].stream_id !== cuts[cuts.length - 1] && Math.floor((events * k) / n) > 0) cuts.push(rows[0].stream_id);
  }
  return [null, ...cuts].map((from, i) => ({ from, to: cuts[i] ?? null }));
}

/** A page's rows as events: FoldedEvents for the copied models' streams, the others read in full. */
async function eventsOf(client: ClientBase, rows: PageRow[], upcast: <E extends FoldedEvent>(event: E) => E): Promise<FoldedEvent[]> {
  const events: FoldedEvent[] = new Array(rows.length);
  let others: number[] | null = null;
  let streamId = '';
  let copied = false;
  for (let i = 0; i < rows.length; i++) {
    const [position, stream, streamVersion, type, schemaVersion, data, actor, recordedAt] = rows[i];
    if (stream !== streamId) {
      streamId = stream;
      copied = COPIED_READ_MODELS.some((m) => m.owns(stream));
    }
    if (!copied) (others ??= []).push(i);
    events[i] = upcast({
      position: Number(position),
      streamId: stream,
      streamVersion,
      type,
      schemaVersion,
      data,
      metadata: actor === null ? {} : { actor },
      recordedAt,
    });
  }
  if (others) {
    const full = await client.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position = ANY($1::bigint[]) ORDER BY stream_id, stream_version`, [
      others.map((i) => rows[i][0]),
    ]);
    full.rows.forEach((row, k) => (events[others[k]] = upcast(toRecordedEvent(row))));
  }
  return events;
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
  pages: AsyncIterable<FoldedEvent[]>,
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
          // The inline projection's streams are read in full (eventsOf).
          others.push(event as RecordedEvent);
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

/** Yields what `source` yields, with the next item already being fetched meanwhile. */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  for (;;) {
    const current = await next;
    if (current.done) return;
    next = iterator.next();
    // Read ahead while the consumer works on this page. Should the consumer fail meanwhile, this
    // read is never awaited, and its own failure (the connection closed under it, say) must not
    // surface as an unhandled rejection — in a fold thread that kills the thread with the wrong
    // error; awaited, it still throws.
    next.catch(() => undefined);
    yield current.value;
  }
}
