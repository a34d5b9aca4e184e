import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { escapeLiteral, PoolClient, QueryConfig, QueryResult } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { READ_DATA_SOURCE } from '../database/read-database';
import { isDatabaseUnavailable, ServiceUnavailableError } from '../common/errors/unavailable';
import { APPEND_LOCK_KEY } from './append-lock';
import { AppendBatchObserver } from './append-observer';
import { BatchContext, BatchOutcome, BatchPlan, KnownEdge, OpenedBatch, settle, withPositions, writeBatch } from './append-batch';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from './event-row';
import { AppendRequest, IdempotencyClaim, RecordedEvent } from './event-store.types';
import { INLINE_PROJECTION, InlineProjection, UnplacedEvent } from './inline-projection';
import { UPCASTERS, Upcaster, upcastEvent } from './upcaster';

export interface AppendOutcome<R> {
  result: R;
  /** True when an earlier request with the same idempotency key already wrote the events. */
  replayed: boolean;
}

/** Bounds of the append path (from the configuration; tests may pass their own). */
export interface EventStoreLimits {
  /** Appends waiting for a batch beyond which new ones are refused at once (503). */
  queueLimit: number;
  /** How long an append may wait in the queue before it is answered 503 instead of written. */
  queueWaitMs: number;
  /** How long to wait for the append lock when finding out whether a lost COMMIT landed. */
  resolveWaitMs: number;
}

export const EVENT_STORE_LIMITS = Symbol('EVENT_STORE_LIMITS');

/**
 * For the benchmark only (bench/phases/store-append.ts), which measures appends with and without
 * the Merkle tree side by side: `{ tree: false }` numbers events but inserts no tree nodes, so
 * the log can no longer be proven until `merkle_tree_extend()` catches the tree up. Nothing in
 * the app provides this token, and no configuration sets it.
 */
export const EVENT_STORE_BENCH_OPTIONS = Symbol('EVENT_STORE_BENCH_OPTIONS');

export interface EventStoreBenchOptions {
  tree: boolean;
}

const DEFAULT_LIMITS: EventStoreLimits = { queueLimit: 5000, queueWaitMs: 5000, resolveWaitMs: 12_000 };

/** Requests written in one transaction at most; more wait for the next. */
const MAX_BATCH = 256;

const BATCHES_IN_FLIGHT = 2;

interface PendingAppend {
  request: AppendRequest<unknown>;
  enqueuedAt: number;
  resolve(outcome: AppendOutcome<unknown>): void;
  reject(error: unknown): void;
}

export interface ReadAllOptions {
  after: number;
  limit: number;
  type?: string;
  streamId?: string;
}

/** The COMMIT was sent but no answer came: the transaction may or may not have committed. */
class CommitOutcomeUnknown extends Error {
  constructor(readonly cause: unknown) {
    super(`COMMIT outcome unknown: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

@Injectable()
export class EventStore {
  private readonly logger = new Logger(EventStore.name);
  private readonly queue: PendingAppend[] = [];
  private scheduled = false;
  private inFlight = 0;
  private readonly limits: EventStoreLimits;
  private readonly committedListeners = new Set<(position: number) => void>();
  private readonly batchObservers = new Set<AppendBatchObserver>();
  /** Maintain the Merkle tree with every append: always, but in the benchmark's comparison. */
  private readonly tree: boolean;
  /**
   * The tree's right edge after this instance's last committed batch. The next batch sends what
   * it knows of it, and the opening call confirms it (the tree still ends with that batch's
   * leaves) rather than read the frontier again; if anything else was appended, it reads it.
   */
  private edge: KnownEdge | null = null;
  /** Where the reads that answer queries go: the read replica, or the primary (dataSource) without one. */
  private readonly reads: DataSource;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Optional() @Inject(INLINE_PROJECTION) private readonly projection?: InlineProjection,
    @Optional() @Inject(UPCASTERS) readonly upcasters: Upcaster[] = [],
    @Optional() @Inject(EVENT_STORE_LIMITS) limits?: Partial<EventStoreLimits>,
    @Optional() @Inject(EVENT_STORE_BENCH_OPTIONS) bench?: EventStoreBenchOptions,
    @Optional() @Inject(READ_DATA_SOURCE) reads?: DataSource,
  ) {
    this.reads = reads ?? dataSource;
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.tree = bench?.tree ?? true;
  }

  /**
   * Appends to one stream. Requests arriving in the same event-loop turn, and those arriving
   * while a batch commits, are written together in one transaction (group commit, see
   * append-batch.ts); each still gets its own outcome. The queue is bounded: past it, and for a
   * request that waited too long for its turn, the answer is 503 rather than an ever later write.
   */
  append<R>(request: AppendRequest<R>): Promise<AppendOutcome<R>> {
    if (request.events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    if (this.queue.length >= this.limits.queueLimit) {
      return Promise.reject(new ServiceUnavailableError('APPEND.QUEUE_FULL', 'Too many writes are waiting for the database; try again shortly.'));
    }
    return new Promise<AppendOutcome<R>>((resolve, reject) => {
      this.queue.push({ request, enqueuedAt: Date.now(), resolve: resolve as (o: AppendOutcome<unknown>) => void, reject });
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
   * Bulk append (imports): the requests are written in one transaction of their own, outside the
   * group-commit queue, through the same batch writer — the append lock, stream heads, hash chains,
   * log indexes and Merkle nodes, the inline projection — so a bulk write is indistinguishable in
   * the log from many single ones. Each request keeps its own outcome (a stream that already exists
   * refuses that request alone). Unlike append(), a COMMIT whose outcome is unknown is not resolved
   * here: the importer's requests are idempotent by stream id, so the caller re-runs them.
   */
  async appendMany(requests: AppendRequest<unknown>[]): Promise<BatchOutcome[]> {
    if (!requests.length) return [];
    try {
      return (await this.writeInTransaction(requests)).outcomes;
    } catch (error) {
      if (error instanceof CommitOutcomeUnknown || isDatabaseUnavailable(error)) throw unavailable(error);
      throw error;
    }
  }

  /**
   * One batch in one transaction, as both append paths write it: the tree's edge it extended is
   * kept for the next batch and the commit is announced to this instance's listeners.
   */
  private async writeInTransaction(
    requests: AppendRequest<unknown>[],
    planned?: (plan: BatchPlan) => void,
  ): Promise<{ outcomes: BatchOutcome[]; recorded: RecordedEvent[] }> {
    const known = this.edge;
    let edge: KnownEdge | null = null;
    let recorded: RecordedEvent[] = [];
    const outcomes = await this.inTransaction(known, (client, open) =>
      writeBatch(client, requests, {
        recordedAt: this.clock.now().toISOString(),
        open,
        projection: this.projection,
        upcast: (e) => this.upcast(e),
        planned,
        inserted: (events) => (recorded = events),
        tree: this.tree,
        known,
        extended: (e) => (edge = e),
      }),
    );
    if (edge) this.edge = edge;
    this.committed(recorded);
    return { outcomes, recorded };
  }

  /** Calls `listener` with the last position of every batch this instance commits. */
  onCommitted(listener: (position: number) => void): void {
    this.committedListeners.add(listener);
  }

  /** Tells `observer` of every batch: its size, its duration, and whether it committed. */
  observeBatches(observer: AppendBatchObserver): void {
    this.batchObservers.add(observer);
  }

  private observed(batch: PendingAppend[], events: number, startedAt: number, outcome: 'committed' | 'failed'): void {
    const observation = { requests: batch.length, events, seconds: (performance.now() - startedAt) / 1000, outcome };
    for (const observer of this.batchObservers) observer(observation);
  }

  private committed(recorded: readonly { position: number }[]): void {
    if (!recorded.length) return;
    const last = recorded.reduce((max, e) => Math.max(max, e.position), 0);
    for (const listener of this.committedListeners) listener(last);
  }

  /**
   * Up to BATCHES_IN_FLIGHT batches at once: while one commits, the next has already begun and
   * waits on the append lock inside PostgreSQL, so the lock passes on without a round trip.
   */
  private startBatches(): void {
    while (this.inFlight < BATCHES_IN_FLIGHT && this.queue.length) {
      const batch = this.takeBatch();
      if (!batch.length) continue;
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.startBatches();
      });
    }
  }

  private takeBatch(): PendingAppend[] {
    const oldest = Date.now() - this.limits.queueWaitMs;
    return this.queue.splice(0, MAX_BATCH).filter((pending) => {
      if (pending.enqueuedAt >= oldest) return true;
      pending.reject(new ServiceUnavailableError('APPEND.QUEUE_TIMEOUT', 'The write waited too long for the database and was not made; try again shortly.'));
      return false;
    });
  }

  private async commit(batch: PendingAppend[], attempt = 1): Promise<void> {
    const startedAt = performance.now();
    const requests = batch.map((p) => p.request);
    let plan: BatchPlan | null = null;
    try {
      const { outcomes, recorded } = await this.writeInTransaction(requests, (p) => (plan = p));
      this.observed(batch, recorded.length, startedAt, 'committed');
      deliver(batch, outcomes);
    } catch (error) {
      if (error instanceof CommitOutcomeUnknown && plan) return this.resolveUnknownCommit(batch, plan, attempt);
      this.observed(batch, 0, startedAt, 'failed');
      if (isDatabaseUnavailable(error)) {
        // Nothing was committed: the transaction never reached its COMMIT.
        for (const pending of batch) pending.reject(unavailable(error));
        return;
      }
      // A request made the whole transaction fail (a value the database refused): retry each
      // alone, so that one cannot fail the others. Nothing was written, so nothing is doubled.
      if (batch.length === 1) batch[0].reject(error);
      else for (const pending of batch) await this.commit([pending]);
    }
  }

  /**
   * The connection broke while COMMIT was in flight. Answering 201 could claim an event that was
   * never written, answering an error could hide one that was, and retrying could write it twice.
   * So find out: once the append lock is free the lost transaction is over (committed, or rolled
   * back by the server when the connection dropped or sat idle too long), and its rows are either
   * in the log, with the very hashes planned, or not at all.
   */
  private async resolveUnknownCommit(batch: PendingAppend[], plan: BatchPlan, attempt: number): Promise<void> {
    const requests = batch.map((p) => p.request);
    let landed: boolean;
    let recorded: RecordedEvent[] = [];
    try {
      const found = await this.lookUpPlannedRows(plan);
      landed = found.length > 0 && found.length === plan.rows.length;
      if (landed) recorded = withPositions(plan.rows, found);
      else if (found.length) throw new Error(`a lost COMMIT left ${found.length} of ${plan.rows.length} rows`);
    } catch (error) {
      this.logger.error(
        `Could not find out whether a batch of ${batch.length} append(s) was committed: ${error instanceof Error ? error.message : String(error)}`,
      );
      const unknown = new ServiceUnavailableError(
        'APPEND.OUTCOME_UNKNOWN',
        'The database connection was lost while this write was being committed, and it could not be checked whether it was recorded. ' +
          'Retry with the same Idempotency-Key (a recorded write is then answered, not repeated), or read the stream first.',
      );
      for (const pending of batch) pending.reject(unknown);
      return;
    }
    this.logger.warn(`A COMMIT's outcome was unknown; the log shows it ${landed ? 'was' : 'was not'} committed (${plan.rows.length} events).`);
    if (landed || !plan.rows.length) {
      this.committed(recorded);
      deliver(batch, settle(plan, requests, recorded));
      return;
    }
    // Not written: safe to try once more; the batch decides afresh on the stream heads.
    if (attempt < 2) return this.commit(batch, attempt + 1);
    for (const pending of batch) pending.reject(unavailable(null));
  }

  private async lookUpPlannedRows(plan: BatchPlan): Promise<{ position: string; log_index: string; stream_id: string; stream_version: number }[]> {
    if (!plan.rows.length) return [];
    const runner = this.dataSource.createQueryRunner();
    const client: PoolClient = await runner.connect();
    const wait = this.limits.resolveWaitMs;
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = ${wait}; SET LOCAL statement_timeout = ${wait}`);
      // Longer than the pool's own read timeout: this wait is expected to last.
      await client.query({ text: 'SELECT pg_advisory_xact_lock($1)', values: [APPEND_LOCK_KEY], query_timeout: wait + 1000 } as QueryConfig);
      const { rows } = await client.query<{ position: string; log_index: string; stream_id: string; stream_version: number; hash: string }>(
        `SELECT position, log_index, stream_id, stream_version, hash FROM events
          WHERE (stream_id, stream_version) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
        [plan.rows.map((r) => r.streamId), plan.rows.map((r) => r.streamVersion)],
      );
      // A row at one of our versions with another hash was written by someone else: ours was not.
      const planned = new Set(plan.rows.map((r) => r.hash));
      return rows.filter((r) => planned.has(r.hash));
    } finally {
      // Read only: nothing to commit, and the lock goes with the transaction.
      await client.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }

  /**
   * Runs `work` in a transaction whose BEGIN travels with the batch's opening call (one round
   * trip for BEGIN, the lock, the heads, the remembered keys and the tree's size and right edge). The opening call has no bind
   * parameters, since a multi-statement query cannot; its values are escaped literals. A COMMIT
   * that fails without an answer from the server throws CommitOutcomeUnknown.
   */
  private async inTransaction<T>(known: KnownEdge | null, work: (client: PoolClient, open: BatchContext['open']) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    const client: PoolClient = await runner.connect();
    const open: BatchContext['open'] = async (streamIds, scopes) => {
      const list = (values: string[]) => `ARRAY[${values.map((v) => escapeLiteral(v)).join(',')}]::text[]`;
      const edge = this.tree && known ? `${escapeLiteral(JSON.stringify({ size: known.size, from: known.from, digest: known.digest }))}::jsonb` : 'NULL::jsonb';
      const results = (await client.query(
        `BEGIN; SELECT events_append_start(${APPEND_LOCK_KEY}, ${list(streamIds)}, ${list(scopes)}, ${this.tree}, ${edge}) AS opened`,
      )) as unknown as QueryResult[];
      return results[1].rows[0].opened as OpenedBatch;
    };
    try {
      let result: T;
      try {
        result = await work(client, open);
      } catch (error) {
        // Harmless when no transaction was begun; needed when BEGIN ran and a later statement failed.
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
      try {
        await client.query('COMMIT');
      } catch (error) {
        // An answer from the server (an SQLSTATE that is not about the connection) is definite: rolled back.
        if (isDatabaseUnavailable(error) || !(error as { code?: unknown }).code) throw new CommitOutcomeUnknown(error);
        throw error;
      }
      return result;
    } finally {
      await runner.release();
    }
  }

  /**
   * Remembers the result of a request that appended nothing (an admin operation) under its
   * idempotency key; the first to remember wins, and is what both are then answered.
   */
  async rememberIdempotent<R>(claim: IdempotencyClaim, result: R, recordedAt: string): Promise<{ fingerprint: string; result: R }> {
    await this.dataSource.query(
      'INSERT INTO idempotency_keys (scope, fingerprint, result, position, created_at) VALUES ($1, $2, $3, 0, $4) ON CONFLICT (scope) DO NOTHING',
      [claim.scope, claim.fingerprint, JSON.stringify(result), recordedAt],
    );
    return (await this.findIdempotent<R>(claim.scope))!;
  }

  /** A remembered result for an idempotency key, outside any append. */
  async findIdempotent<R>(scope: string): Promise<{ fingerprint: string; result: R } | null> {
    const rows = await this.dataSource.query('SELECT fingerprint, result FROM idempotency_keys WHERE scope = $1', [scope]);
    return rows.length ? { fingerprint: rows[0].fingerprint, result: rows[0].result } : null;
  }

  /** The stream in version order, upcast to current schema versions (for folds: read on the primary, the source of truth for decisions). */
  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return (await this.streamFrom(this.dataSource, streamId)).map((e) => this.upcast(e));
  }

  /** The stream exactly as stored (for the history API), from the read side. */
  async readStreamAsStored(streamId: string): Promise<RecordedEvent[]> {
    return this.streamFrom(this.reads, streamId);
  }

  private async streamFrom(source: DataSource, streamId: string): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await source.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`, [streamId]);
    return rows.map(toRecordedEvent);
  }

  /** A page of the whole log in commit order, as stored, from the read side (a prefix of the log on a replica too). */
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
    const rows: EventRow[] = await this.reads.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecordedEvent);
  }

  /** A page of several streams merged in global order, as stored, from the read side: events after `after`, at most `limit`. */
  async readStreamsPage(streamIds: string[], after: number, limit: number): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.reads.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ANY($1::text[]) AND position > $2 ORDER BY position LIMIT $3`,
      [streamIds, after, limit],
    );
    return rows.map(toRecordedEvent);
  }

  /** The whole log in commit order, in batches, optionally through a given manager. */
  async *readAllBatches(options: { after?: number; batchSize?: number; upcast?: boolean; manager?: EntityManager } = {}): AsyncGenerator<RecordedEvent[]> {
    const batchSize = options.batchSize ?? 5000;
    const runner = options.manager ?? this.dataSource.manager;
    let after = options.after ?? 0;
    for (;;) {
      const rows: EventRow[] = await runner.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`, [after, batchSize]);
      if (rows.length === 0) return;
      const events = rows.map(toRecordedEvent);
      yield options.upcast === false ? events : events.map((e) => this.upcast(e));
      if (rows.length < batchSize) return;
      after = Number(rows[rows.length - 1].position);
    }
  }

  /** The primary's head: the last committed position. */
  async headPosition(): Promise<number> {
    return this.headOf(this.dataSource);
  }

  /** The read side's head: every readAll from now on sees at least this far (the primary's head without a replica). */
  async readHeadPosition(): Promise<number> {
    return this.reads === this.dataSource ? this.headPosition() : this.headOf(this.reads);
  }

  private async headOf(source: DataSource): Promise<number> {
    const rows = await source.query('SELECT COALESCE(MAX(position), 0) AS head FROM events');
    return Number(rows[0].head);
  }

  upcast<E extends Pick<UnplacedEvent, 'type' | 'schemaVersion' | 'data'>>(event: E): E {
    return this.upcasters.length ? upcastEvent(this.upcasters, event) : event;
  }
}

function deliver(batch: PendingAppend[], outcomes: BatchOutcome[]): void {
  outcomes.forEach((o, i) => (o.ok ? batch[i].resolve({ result: o.result, replayed: o.replayed }) : batch[i].reject(o.error)));
}

function unavailable(cause: unknown): ServiceUnavailableError {
  const error = new ServiceUnavailableError('DATABASE.UNAVAILABLE', 'The database cannot be reached right now; the write was not made. Try again shortly.');
  if (cause) (error as { cause?: unknown }).cause = cause;
  return error;
}
