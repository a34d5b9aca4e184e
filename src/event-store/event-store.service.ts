import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { APPEND_LOCK_KEY } from './append-lock';
import { APPEND_CHANNEL } from './live/append-notifier';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from './event-row';
import {
  AppendRequest,
  ExpectedVersion,
  IdempotencyKeyReusedError,
  RecordedEvent,
  WrongExpectedVersionError,
} from './event-store.types';
import { eventHash } from './hash-chain';
import { INLINE_PROJECTION, InlineProjection } from './inline-projection';
import { UPCASTERS, Upcaster, upcastEvent } from './upcaster';


export interface AppendOutcome<R> {
  result: R;
  /** True when an earlier request with the same idempotency key already wrote the events. */
  replayed: boolean;
}

export interface ReadAllOptions {
  after: number;
  limit: number;
  type?: string;
  streamId?: string;
}

@Injectable()
export class EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Optional() @Inject(INLINE_PROJECTION) private readonly projection?: InlineProjection,
    @Optional() @Inject(UPCASTERS) private readonly upcasters: Upcaster[] = [],
  ) {}

  async append<R>(request: AppendRequest<R>): Promise<AppendOutcome<R>> {
    if (request.events.length === 0) throw new Error('append needs at least one event');
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      if (request.idempotency) {
        const prior = await this.findIdempotent<R>(manager, request.idempotency.scope);
        if (prior) {
          if (prior.fingerprint !== request.idempotency.fingerprint) throw new IdempotencyKeyReusedError();
          return { result: prior.result, replayed: true };
        }
      }
      const head = await this.streamHead(manager, request.streamId);
      assertExpectedVersion(request.streamId, request.expectedVersion, head.version);

      const recordedAt = this.clock.now().toISOString();
      // Hash, store, project and return one JSON copy: what JSON.stringify would change (a Date,
      // an array hole, undefined) must not make the hash differ from what the database keeps.
      const metadata = asJson(request.metadata);
      let prevHash = head.hash;
      const rows = request.events.map((event, i) => {
        const fields = {
          streamId: request.streamId,
          streamVersion: head.version + i + 1,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: asJson(event.data),
          metadata,
          recordedAt,
        };
        const hash = eventHash(prevHash, fields);
        const row = { ...fields, prevHash, hash };
        prevHash = hash;
        return row;
      });

      const params: unknown[] = [];
      const values = rows.map((r) => {
        const base = params.length;
        params.push(r.streamId, r.streamVersion, r.type, r.schemaVersion, JSON.stringify(r.data));
        params.push(JSON.stringify(r.metadata), r.recordedAt, r.prevHash, r.hash);
        return `(${Array.from({ length: 9 }, (_, k) => `$${base + k + 1}`).join(', ')})`;
      });
      const inserted: { position: string }[] = await manager.query(
        `INSERT INTO events (stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
         VALUES ${values.join(', ')} RETURNING position`,
        params,
      );
      const events: RecordedEvent[] = rows.map((r, i) => ({
        position: Number(inserted[i].position),
        streamId: r.streamId,
        streamVersion: r.streamVersion,
        type: r.type,
        schemaVersion: r.schemaVersion,
        data: r.data,
        metadata: r.metadata,
        recordedAt: r.recordedAt,
        hash: r.hash,
        prevHash: r.prevHash,
      }));

      await this.projection?.apply(manager, events.map((e) => this.upcast(e)));
      // Delivered by PostgreSQL at commit, and not at all on rollback: wakes live readers.
      await manager.query('SELECT pg_notify($1, $2)', [APPEND_CHANNEL, String(events[events.length - 1].position)]);

      const last = events[events.length - 1];
      const result = request.result({ events, position: last.position, streamVersion: last.streamVersion });
      if (request.idempotency) {
        await manager.query(
          `INSERT INTO idempotency_keys (scope, fingerprint, result, position, created_at) VALUES ($1, $2, $3, $4, $5)`,
          [request.idempotency.scope, request.idempotency.fingerprint, JSON.stringify(result), last.position, recordedAt],
        );
      }
      return { result, replayed: false };
    });
  }

  /** A remembered result for an idempotency key, outside any append. */
  async findIdempotent<R>(
    manager: EntityManager | null,
    scope: string,
  ): Promise<{ fingerprint: string; result: R } | null> {
    const rows = await (manager ?? this.dataSource.manager).query(
      'SELECT fingerprint, result FROM idempotency_keys WHERE scope = $1',
      [scope],
    );
    return rows.length ? { fingerprint: rows[0].fingerprint, result: rows[0].result } : null;
  }

  /** The stream in version order, upcast to current schema versions (for folds). */
  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return (await this.readStreamAsStored(streamId)).map((e) => this.upcast(e));
  }

  /** The stream exactly as stored (for the history API and integrity checks). */
  async readStreamAsStored(streamId: string): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`,
      [streamId],
    );
    return rows.map(toRecordedEvent);
  }

  /** A page of the whole log in commit order, as stored. */
  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const where = ['position > $1'];
    const params: unknown[] = [options.after];
    if (options.type) {
      params.push(options.type);
      where.push(`type = $${params.length}`);
    }
    if (options.streamId) {
      params.push(options.streamId);
      where.push(`stream_id = $${params.length}`);
    }
    params.push(options.limit);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecordedEvent);
  }

  /**
   * Several streams merged in global order, in batches so memory stays bounded; optionally
   * only the events recorded at or before an instant (the record-time clock, `asOf`).
   */
  async *readStreams(
    streamIds: string[],
    options: { recordedAtOrBefore?: string; upcast?: boolean; batchSize?: number } = {},
  ): AsyncGenerator<RecordedEvent> {
    const batchSize = options.batchSize ?? 2000;
    let after = 0;
    for (;;) {
      const rows: EventRow[] = await this.dataSource.query(
        `SELECT ${EVENT_COLUMNS} FROM events
          WHERE stream_id = ANY($1::text[]) AND position > $2
            AND ($3::timestamptz IS NULL OR recorded_at <= $3::timestamptz)
          ORDER BY position LIMIT $4`,
        [streamIds, after, options.recordedAtOrBefore ?? null, batchSize],
      );
      for (const row of rows) {
        const event = toRecordedEvent(row);
        yield options.upcast === false ? event : this.upcast(event);
      }
      if (rows.length < batchSize) return;
      after = Number(rows[rows.length - 1].position);
    }
  }

  /** The whole log in commit order, in batches, optionally through a given manager. */
  async *readAllBatches(
    options: { after?: number; batchSize?: number; upcast?: boolean; manager?: EntityManager } = {},
  ): AsyncGenerator<RecordedEvent[]> {
    const batchSize = options.batchSize ?? 5000;
    const runner = options.manager ?? this.dataSource.manager;
    let after = options.after ?? 0;
    for (;;) {
      const rows: EventRow[] = await runner.query(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) return;
      const events = rows.map(toRecordedEvent);
      yield options.upcast === false ? events : events.map((e) => this.upcast(e));
      if (rows.length < batchSize) return;
      after = Number(rows[rows.length - 1].position);
    }
  }

  async headPosition(): Promise<number> {
    const rows = await this.dataSource.query('SELECT COALESCE(MAX(position), 0) AS head FROM events');
    return Number(rows[0].head);
  }

  /**
   * Waits (bounded) until the log holds position `n`. Read models are written in the append
   * transaction and appends commit in position order, so reaching n means they reflect it.
   */
  async waitForPosition(n: number, timeoutMs = 5000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.headPosition()) >= n) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  upcast(event: RecordedEvent): RecordedEvent {
    return this.upcasters.length ? upcastEvent(this.upcasters, event) : event;
  }

  private async streamHead(manager: EntityManager, streamId: string): Promise<{ version: number; hash: string | null }> {
    const rows = await manager.query(
      'SELECT stream_version, hash FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1',
      [streamId],
    );
    return rows.length ? { version: rows[0].stream_version, hash: rows[0].hash } : { version: 0, hash: null };
  }
}

function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function assertExpectedVersion(streamId: string, expected: ExpectedVersion, actual: number): void {
  if (expected === 'any') return;
  if (expected === 'no_stream' ? actual !== 0 : actual !== expected) {
    throw new WrongExpectedVersionError(streamId, expected, actual);
  }
}
