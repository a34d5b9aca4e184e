import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock';
import { MIGRATIONS } from '../../migrations';
import { createDataSource, dataSourceOptions } from '../../src/database/data-source';
import { EventStore } from '../../src/event-store/event-store.service';
import { EventMetadata, NewEvent, RecordedEvent } from '../../src/event-store/event-store.types';
import { InlineProjection } from '../../src/event-store/inline-projection';
import { SqlClient } from '../../src/event-store/sql-client';
import { INCIDENT_UPCASTERS } from '../../src/incidents/domain/incident.upcasters';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { ownerDatabaseUrl, prepareTestDatabase, testDatabaseUrl } from './test-database';

/** The instant every test clock starts at, unless told otherwise. */
export const T0 = '2020-10-10T12:00:00.000Z';

/** The store as the app wires it: live inline projection and the incident upcasters. */
export function aStore(
  dataSource: DataSource,
  options: { clock?: FixedClock; projection?: InlineProjection } = {},
): { store: EventStore; clock: FixedClock; projector: ReadModelProjector } {
  const clock = options.clock ?? new FixedClock(new Date(T0));
  const projector = new ReadModelProjector();
  const store = new EventStore(dataSource, clock, options.projection ?? projector, [...INCIDENT_UPCASTERS]);
  return { store, clock, projector };
}

/** A stream id of its own for each test; the prefix keeps it out of the read models. */
export const aStreamId = (label = 'test'): string => `${label}-${randomUUID()}`;

export function metadataFor(actor = 'integration-test'): EventMetadata {
  return { actor, correlationId: randomUUID(), causationId: null };
}

/** A neutral event (no projection reacts to it). */
export function anEvent(n: number, extra: Record<string, unknown> = {}): NewEvent {
  return { type: 'SomethingHappened', schemaVersion: 1, data: { n, ...extra } };
}

/** What a write hands back: the appended events themselves, for assertions. */
export const returnAppended = (appended: { events: RecordedEvent[]; position: number; streamVersion: number }) => appended;

/** A promise with its resolve exposed. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * An inline projection that, for the streams a test holds, stops inside the append
 * transaction — after the events are inserted and the lock is held — until released.
 */
export class GatedProjection implements InlineProjection {
  private readonly gates = new Map<string, { entered: Deferred<RecordedEvent[]>; release: Deferred<void> }>();

  constructor(private readonly inner: InlineProjection) {}

  /** The next append to `streamId` will block in its transaction; `entered` gives its events. */
  hold(streamId: string): { entered: Promise<RecordedEvent[]>; release: () => void } {
    const gate = { entered: deferred<RecordedEvent[]>(), release: deferred<void>() };
    this.gates.set(streamId, gate);
    return { entered: gate.entered.promise, release: () => gate.release.resolve() };
  }

  async apply(sql: SqlClient, events: RecordedEvent[]): Promise<void> {
    const gate = events.length ? this.gates.get(events[0].streamId) : undefined;
    if (gate) {
      this.gates.delete(events[0].streamId);
      gate.entered.resolve(events);
      await gate.release.promise;
    }
    await this.inner.apply(sql, events);
  }
}

/** Tracks whether a promise has settled yet, without consuming its rejection. */
export function track<T>(promise: Promise<T>): { promise: Promise<T>; settled: () => boolean } {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  return { promise, settled: () => done };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it returns true, failing after `timeoutMs`. */
export async function eventually(probe: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await sleep(20);
  }
}

/**
 * Runs one statement through a plain pg client in a transaction that is always rolled back,
 * and returns the error it raised (or undefined). For statements expected to be refused: they
 * cannot change anything even if the refusal is missing, and TypeORM does not log the refusal.
 * A short lock timeout (retried) keeps a TRUNCATE waiting for its exclusive lock from stalling
 * the readers and writers of other test files queued behind it.
 */
export async function refusalOf(url: string, sql: string, params: unknown[] = []): Promise<unknown> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '200ms'`);
      try {
        await client.query(sql, params);
        return undefined;
      } catch (error) {
        const lockTimeout = (error as { code?: string }).code === '55P03';
        if (!lockTimeout || attempt >= 50) return error;
      } finally {
        await client.query('ROLLBACK');
      }
      await sleep(50);
    }
  } finally {
    await client.end();
  }
}

/**
 * A database of its own on the test server, created fresh and migrated, for tests whose
 * changes (a tampered log) must not leak into the shared test database. Its name contains
 * "test", and `drop()` removes it.
 */
export interface ScratchDatabase {
  /** The owner's URL (a superuser in the tests: it can switch the log's protections off). */
  url: string;
  /** The runtime role's URL on the same database. */
  runtimeUrl: string;
  name: string;
  /** As the owner. */
  dataSource: DataSource;
  /** Runs the migrations not yet applied, and grants the runtime role (for `migratedUpTo`). */
  migrate(): Promise<void>;
  drop(): Promise<void>;
}

/**
 * `migratedUpTo` (a migration's name) leaves the database as that migration left it, the later
 * ones unapplied and no role granted anything yet: a log as an older version wrote it.
 */
export async function createScratchDatabase(label: string, options: { migratedUpTo?: string } = {}): Promise<ScratchDatabase> {
  const base = new URL(ownerDatabaseUrl());
  const name = `ceasefire_test_${label}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new Client({ connectionString: base.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const runtime = new URL(testDatabaseUrl());
  runtime.pathname = `/${name}`;
  const migrate = () => prepareTestDatabase(url.toString(), runtime.toString()).then(() => undefined);
  if (options.migratedUpTo) {
    const upTo = MIGRATIONS.findIndex((m) => m.name === options.migratedUpTo);
    if (upTo < 0) throw new Error(`No migration ${options.migratedUpTo}`);
    const older = new DataSource({ ...dataSourceOptions(url.toString()), migrations: MIGRATIONS.slice(0, upTo + 1) });
    await older.initialize();
    try {
      await older.runMigrations({ transaction: 'each' });
    } finally {
      await older.destroy();
    }
  } else {
    await migrate();
  }
  const dataSource = createDataSource(url.toString());
  await dataSource.initialize();
  return {
    url: url.toString(),
    runtimeUrl: runtime.toString(),
    name,
    dataSource,
    migrate,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      const client = new Client({ connectionString: base.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
