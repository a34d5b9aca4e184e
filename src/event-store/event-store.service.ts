import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { escapeLiteral, PoolClient, QueryResult } from 'pg';
import { APPEND_LOCK_KEY } from './append-lock';
import { BatchContext, OpenedBatch, writeBatch } from './append-batch';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from './event-row';
import { AppendRequest, RecordedEvent } from './event-store.types';
import { INLINE_PROJECTION, InlineProjection } from './inline-projection';
import { UPCASTERS, Upcaster, upcastEvent } from './upcaster';

export interface AppendOutcome<R> {
  result: R;
  /** True when an earlier request with the same idempotency key already wrote the events. */
  replayed: boolean;
}

/** Requests written in one transaction at most; more wait for the next. */
const MAX_BATCH = 256;

const BATCHES_IN_FLIGHT = 2;

interface PendingAppend {
  request: AppendRequest<unknown>;
  resolve(outcome: AppendOutcome<unknown>): void;
  reject(error: unknown): void;
}

export interface ReadAllOptions {
  after: number;
  limit: number;
  type?: string;
  streamId?: string;
}

@Injectable()
export class EventStore {
  private readonly queue: PendingAppend[] = [];
  private scheduled = false;
  private inFlight = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Optional() @Inject(INLINE_PROJECTION) private readonly projection?: InlineProjection,
    @Optional() @Inject(UPCASTERS) private readonly upcasters: Upcaster[] = [],
  ) {}

  /**
   * Appends to one stream. Requests arriving in the same event-loop turn, and those arriving
   * while a batch commits, are written together in one transaction (group commit, see
   * append-batch.ts); each still gets its own outcome.
   */
  append<R>(request: AppendRequest<R>): Promise<AppendOutcome<R>> {
    if (request.events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return new Promise<AppendOutcome<R>>((resolve, reject) => {
      this.queue.push({ request, resolve: resolve as (o: AppendOutcome<unknown>) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.startBatches();
        });
      }
    });
  }

  /**
   * Up to BATCHES_IN_FLIGHT batches at once: while one commits, the next has already begun and
   * waits on the append lock inside PostgreSQL, so the lock passes on without a round trip.
   */
  private startBatches(): void {
    while (this.inFlight < BATCHES_IN_FLIGHT && this.queue.length) {
      this.inFlight += 1;
      void this.commit(this.queue.splice(0, MAX_BATCH)).finally(() => {
        this.inFlight -= 1;
        this.startBatches();
      });
    }
  }

  private async commit(batch: PendingAppend[]): Promise<void> {
    try {
      const outcomes = await this.inTransaction((manager, open) =>
        writeBatch(
          manager,
          batch.map((p) => p.request),
          { recordedAt: this.clock.now().toISOString(), open, projection: this.projection, upcast: (e) => this.upcast(e) },
        ),
      );
      outcomes.forEach((o, i) => (o.ok ? batch[i].resolve({ result: o.result, replayed: o.replayed }) : batch[i].reject(o.error)));
    } catch (error) {
      // The whole transaction failed: retry each request alone, so one cannot fail the others.
      if (batch.length === 1) batch[0].reject(error);
      else for (const pending of batch) await this.commit([pending]);
    }
  }

  /**
   * Runs `work` in a transaction whose BEGIN travels with the batch's opening call (one round
   * trip for BEGIN, the lock, the heads and the remembered keys). The opening call has no bind
   * parameters, since a multi-statement query cannot; its values are escaped literals.
   */
  private async inTransaction<T>(work: (manager: EntityManager, open: BatchContext['open']) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client: PoolClient = await runner.connect();
    const open: BatchContext['open'] = async (streamIds, scopes) => {
      const list = (values: string[]) => `ARRAY[${values.map((v) => escapeLiteral(v)).join(',')}]::text[]`;
      const results = (await client.query(
        `BEGIN; SELECT events_append_start(${APPEND_LOCK_KEY}, ${list(streamIds)}, ${list(scopes)}) AS opened`,
      )) as unknown as QueryResult[];
      return results[1].rows[0].opened as OpenedBatch;
    };
    try {
      const result = await work(runner.manager, open);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // Harmless when no transaction was begun; needed when BEGIN ran and a later statement failed.
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** A remembered result for an idempotency key, outside any append. */
  async findIdempotent<R>(scope: string): Promise<{ fingerprint: string; result: R } | null> {
    const rows = await this.dataSource.query(
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

  /** Several streams merged in global order, as stored, in batches so memory stays bounded. */
  async *readStreamsAsStored(streamIds: string[], batchSize = 2000): AsyncGenerator<RecordedEvent> {
    let after = 0;
    for (;;) {
      const rows: EventRow[] = await this.dataSource.query(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) AND position > $2 ORDER BY position LIMIT $3`,
        [streamIds, after, batchSize],
      );
      for (const row of rows) yield toRecordedEvent(row);
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
}
