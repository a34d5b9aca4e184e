import { Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { ClientConfig } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { AppConfig } from '../config/app-config';
import { READ_MODEL_TABLES } from '../database/read-models';
import { APPEND_LOCK_KEY } from '../event-store/append-lock';
import { EventStore } from '../event-store/event-store.service';
import { INLINE_PROJECTION, InlineProjection } from '../event-store/inline-projection';
import { sqlClientOf } from '../event-store/sql-client';
import { INCIDENT_FOLD_VERSION } from '../incidents/domain/incident';
import { OBSERVATION_FOLD_VERSION } from '../observations/domain/observation';
import { TRUCE_FOLD_VERSION } from '../truces/domain/truce';
import { COPIED_MODEL_UPCASTERS } from './copied-read-models';
import { foldInWorkers } from './fold-in-workers';
import { foldByStream, readAhead, readLogByStream, RowWriter, streamRanges } from './stream-ordered-fold';

export interface RebuildReport {
  events: number;
  durationMs: number;
}

/** The fold version this code writes into each read model's rows (a mismatch at start-up means rebuild). */
const READ_MODELS: { table: string; index: string; foldVersion: number }[] = READ_MODEL_TABLES.map((model) => ({
  ...model,
  foldVersion: ({ truce_view: TRUCE_FOLD_VERSION, incident_view: INCIDENT_FOLD_VERSION, observation_view: OBSERVATION_FOLD_VERSION } as Record<string, number>)[
    model.table
  ],
}));

/**
 * Events read per page (and rows per COPY). Larger pages amortise round trips but hold more
 * events and rows in memory at once: on a 300k-event log 5,000 peaked at 325-337 MB, 2,000 at
 * 287-297 MB, 1,000 at 271-280 MB and was no slower.
 */
const REBUILD_BATCH = 1000;

/**
 * Fold threads when REBUILD_WORKERS is not set: none besides the service's own, because on the
 * measured 2-core machine PostgreSQL and the one Node thread already share both cores
 * (docs/performance.md, "Rebuild, 2026-11-30"); raise it where there are cores to spare.
 */
export const DEFAULT_REBUILD_WORKERS = 1;

/** Only one rebuild at a time, across every instance. */
const REBUILD_LOCK_KEY = 4_242_002;

/** Connections of the pool a rebuild leaves to everything else (the lock's, the reader's, the app's). */
const POOL_HEADROOM = 3;

/**
 * Rebuilds every read model from the log by building aside and swapping:
 * 1. without blocking anyone, fold the log up to its current head into copies of the tables in a
 *    scratch schema (the projection's unqualified table names resolve there through
 *    `SET LOCAL search_path`), a page at a time, so memory stays bounded. A connection reads the
 *    log stream after stream; each stream's row — the fold of its own stream alone — is folded in
 *    memory and written once, with COPY, on another connection while the next page is read and
 *    folded (stream-ordered-fold.ts). With REBUILD_WORKERS above 1 the log is cut into as many
 *    stream ranges, each read, folded and written so by a worker thread of its own
 *    (fold-in-workers.ts): streams are independent, and positions up to the head are all
 *    committed, so the ranges need no common snapshot — only the scratch tables, committed before
 *    the threads start;
 * 2. under the append lock, fold the events appended meanwhile, then swap the copies in.
 * Readers see the old tables until the swap commits, never a half-built model; appends wait
 * only for the catch-up and the swap, not for the whole rebuild.
 *
 * At start-up, before the app serves, rows folded by another version than this code's are
 * rebuilt (the same way), so an older shape of a state is never served.
 */
@Injectable()
export class RebuildService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RebuildService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    @Inject(INLINE_PROJECTION) private readonly projector: InlineProjection,
    @Optional() private readonly config?: AppConfig,
  ) {}

  /** Threads folding side by side: REBUILD_WORKERS, within a bound of the pool's size. */
  private get workers(): number {
    const wanted = this.config?.REBUILD_WORKERS ?? DEFAULT_REBUILD_WORKERS;
    return Math.max(1, Math.min(wanted, (this.config?.DB_POOL_SIZE ?? 20) - POOL_HEADROOM));
  }

  /** Runs after migrations (OnModuleInit) and before the app listens. */
  async onApplicationBootstrap(): Promise<void> {
    const stale = await this.staleReadModels(this.dataSource.manager);
    if (!stale.length) return;
    this.logger.warn(`${stale.join(', ')} hold rows folded by another version than this code's: rebuilding the read models before serving`);
    const report = await this.rebuildUnless(async (manager) => !(await this.staleReadModels(manager)).length);
    const versions = READ_MODELS.map((m) => `${m.table} ${m.foldVersion}`).join(', ');
    if (report) this.logger.warn(`Rebuilt the read models from ${report.events} events before serving (fold versions: ${versions})`);
  }

  /** `workers` overrides REBUILD_WORKERS (tests compare the results of several). */
  async rebuild(onProgress?: (done: number) => void, workers = this.workers): Promise<RebuildReport> {
    return (await this.rebuildUnless(() => Promise.resolve(false), onProgress, workers))!;
  }

  /** The read-model tables with a row this code's fold did not write. */
  private async staleReadModels(manager: EntityManager): Promise<string[]> {
    const stale: string[] = [];
    for (const { table, foldVersion } of READ_MODELS) {
      const rows: unknown[] = await manager.query(`SELECT 1 FROM ${table} WHERE fold_version <> $1 LIMIT 1`, [foldVersion]);
      if (rows.length) stale.push(table);
    }
    return stale;
  }

  /**
   * Rebuilds, unless `settled` says, once the rebuild lock is held, that there is no need (another
   * instance starting at the same time has rebuilt meanwhile): then null.
   */
  private async rebuildUnless(
    settled: (manager: EntityManager) => Promise<boolean>,
    onProgress?: (done: number) => void,
    workers = this.workers,
  ): Promise<RebuildReport | null> {
    const started = Date.now();
    const schema = `rebuild_${randomBytes(6).toString('hex')}`;
    let count = 0;
    const folded = (events: number) => {
      count += events;
      onProgress?.(count);
    };
    // The catch-up under the append lock: the few events appended meanwhile, on the lock's connection.
    const project = async (manager: EntityManager, after: number) => {
      let last = after;
      for await (const batch of this.store.readAllBatches({ manager, after, batchSize: REBUILD_BATCH })) {
        await this.projector.apply(sqlClientOf(manager), batch);
        folded(batch.length);
        last = batch[batch.length - 1].position;
      }
      return last;
    };

    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [REBUILD_LOCK_KEY]);
      if (await settled(runner.manager)) return null;
      // Holding the rebuild lock, any scratch schema left is an orphan of a killed instance.
      const orphans: { nspname: string }[] = await runner.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'`);
      for (const { nspname } of orphans) await runner.query(`DROP SCHEMA "${nspname}" CASCADE`);
      await runner.query(`CREATE SCHEMA ${schema}`);
      // Committed before the partitions start, so that each of their connections sees the copies.
      await this.dataSource.transaction(async (manager) => {
        for (const { table, index } of READ_MODELS) {
          await manager.query(`CREATE TABLE ${schema}.${table} (LIKE public.${table} INCLUDING ALL)`);
          await this.nameCopiedIndex(manager, schema, table, index);
        }
      });
      const built = await this.foldAside(schema, workers, folded);
      await this.dataSource.transaction(async (manager) => {
        await manager.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
        await manager.query(`SET LOCAL search_path TO ${schema}, public`);
        await project(manager, built);
        await manager.query('SET LOCAL search_path TO public');
        for (const { table } of READ_MODELS) {
          await manager.query(`DROP TABLE public.${table}`);
          await manager.query(`ALTER TABLE ${schema}.${table} SET SCHEMA public`);
        }
        await manager.query(`DROP SCHEMA ${schema}`);
      });
    } catch (error) {
      await runner.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
      throw error;
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [REBUILD_LOCK_KEY]).catch(() => undefined);
      await runner.release();
    }
    const durationMs = Date.now() - started;
    this.logger.log(`Rebuilt read models from ${count} events in ${durationMs} ms`);
    return { events: count, durationMs };
  }

  /**
   * The first pass: the log up to its head, each stream's row folded in memory and written once with
   * COPY into the scratch schema — with `workers` above 1, in as many worker threads over stream
   * ranges (foldInThreads); else here, read stream after stream on a connection of its own one page
   * ahead of the fold, the rows written by one connection in a transaction of its own (committed at
   * the end; a failure leaves the schema to be dropped). The head folded.
   */
  private async foldAside(schema: string, workers: number, folded: (events: number) => void): Promise<number> {
    const head = await this.store.headPosition();
    if (workers > 1 && this.store.upcasters.length === COPIED_MODEL_UPCASTERS.length && this.store.upcasters.every((u, i) => u === COPIED_MODEL_UPCASTERS[i])) {
      await this.foldInThreads(schema, head, workers, folded);
      return head;
    }
    const runners: PostgresQueryRunner[] = [];
    try {
      const writers: RowWriter[] = [];
      for (let i = 0; i < workers; i++) {
        const runner = this.dataSource.createQueryRunner() as PostgresQueryRunner;
        runners.push(runner);
        writers.push({ client: await runner.connect(), sql: sqlClientOf(runner) });
        await runner.startTransaction();
        await runner.query(`SET LOCAL search_path TO ${schema}, public`);
      }
      // The reader's own connection: its page query asks pg for array rows and its own parsers.
      const reader = this.dataSource.createQueryRunner() as PostgresQueryRunner;
      runners.push(reader);
      const pages = readAhead(readLogByStream(await reader.connect(), head, REBUILD_BATCH, (event) => this.store.upcast(event)));
      await foldByStream(pages, writers, this.projector, folded);
      for (const runner of runners) if (runner.isTransactionActive) await runner.commitTransaction();
      return head;
    } finally {
      for (const runner of runners) {
        if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      }
    }
  }

  /**
   * The first pass in `workers` threads, one per stream range of about as many events, each reading,
   * folding and COPYing its range on connections of its own (fold-in-workers.ts). The streams of the
   * inline projection (a few truces) come back here and go through the app's projector afterwards,
   * on one connection in a transaction of its own.
   */
  private async foldInThreads(schema: string, head: number, workers: number, folded: (events: number) => void): Promise<void> {
    const ranges = await streamRanges(sqlClientOf(this.dataSource.manager), head, workers);
    const job = { connection: this.threadConnection(), schema, head, pageSize: REBUILD_BATCH };
    const others = await foldInWorkers(job, ranges, folded);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL search_path TO ${schema}, public`);
      for (const events of others) await this.projector.apply(sqlClientOf(manager), events);
    });
  }

  /** The pool's connection settings (timeouts included), for a thread's own pg clients. */
  private threadConnection(): ClientConfig {
    const options = this.dataSource.options as PostgresDataSourceOptions;
    // The pool's size and client class are the pool's own (a class cannot go to a thread anyway).
    const { max, Client, ...extra } = (options.extra ?? {}) as Record<string, unknown>;
    return {
      connectionString: options.url,
      host: options.host,
      port: options.port,
      user: options.username,
      password: typeof options.password === 'string' ? options.password : undefined,
      database: options.database,
      ...extra,
    };
  }

  /** LIKE … INCLUDING ALL names the copied index itself: give it the migration's name. */
  private async nameCopiedIndex(manager: EntityManager, schema: string, table: string, index: string): Promise<void> {
    const copies: { indexname: string }[] = await manager.query(
      'SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 AND indexname <> $3',
      [schema, table, `${table}_pkey`],
    );
    for (const copy of copies) await manager.query(`ALTER INDEX ${schema}."${copy.indexname}" RENAME TO ${index}`);
  }
}
