import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APPEND_LOCK_KEY } from '../../src/event-store/append-lock';
import { EventStore } from '../../src/event-store/event-store.service';
import { AppendRequest, RecordedEvent } from '../../src/event-store/event-store.types';
import { eventHash } from '../../src/event-store/hash-chain';
import { InlineProjection } from '../../src/event-store/inline-projection';
import { SqlClient } from '../../src/event-store/sql-client';
import { LogTree } from '../../src/event-store/transparency/log-tree';
import { leafHash, rootHashOfLeafHashes } from '../../src/verifier/merkle';
import { PATH, PROOF } from '../../src/verifier/testing/rfc9162-reference';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { aStore, aStreamId, anEvent, createScratchDatabase, metadataFor, refusalOf, returnAppended, ScratchDatabase } from '../support/event-store-fixtures';

/**
 * logIndex and the Merkle tree in the database (ADR 0004): numbered gap-free in commit order by
 * the append path, whatever rolls back; the stored perfect subtrees are the tree of every event's
 * hash; and a log written before either existed gets both from the migration. In databases of
 * their own, so the exact numbers are this file's.
 */

interface LogRow {
  position: number;
  logIndex: number;
  hash: string;
}

async function logRows(dataSource: DataSource): Promise<LogRow[]> {
  const rows: { position: string; log_index: string; hash: string }[] = await dataSource.query(
    'SELECT position, log_index, hash FROM events ORDER BY position',
  );
  return rows.map((r) => ({ position: Number(r.position), logIndex: Number(r.log_index), hash: r.hash }));
}

/** The events' hashes as 32-byte leaves, in logIndex order. */
const leavesOf = (rows: LogRow[]) => [...rows].sort((a, b) => a.logIndex - b.logIndex).map((r) => Buffer.from(r.hash, 'hex'));

const hex = (hashes: readonly Buffer[]) => hashes.map((h) => h.toString('hex'));

/** Every check of the stored tree against RFC 9162 computed from scratch over the events' hashes. */
async function expectTreeOf(dataSource: DataSource, leaves: Buffer[]): Promise<void> {
  const tree = new LogTree(dataSource);
  const n = leaves.length;
  expect(await tree.size()).toBe(n);
  const leafHashes = leaves.map((leaf) => leafHash(leaf));

  // The leaves as stored are the events' leaf hashes, and nothing else is stored.
  const stored: { level: number; index: string; hash: Buffer }[] = await dataSource.query(
    'SELECT level, index, hash FROM merkle_nodes WHERE level = 0 ORDER BY index',
  );
  expect(stored.map((r) => Number(r.index))).toEqual(leaves.map((_, i) => i));
  expect(hex(stored.map((r) => r.hash))).toEqual(hex(leafHashes));
  const [{ nodes }] = await dataSource.query('SELECT count(*)::int AS nodes FROM merkle_nodes');
  let perfect = 0;
  for (let width = 1; width <= n; width *= 2) perfect += Math.floor(n / width);
  expect(nodes).toBe(perfect);

  // Roots of every prefix, and proofs against the literal definitions.
  const wrong: string[] = [];
  const sizes = [...new Set([0, 1, 2, 3, 5, 8, 13, 31, 32, 33, 64, 100, 255, 256, 257, n - 1, n].filter((s) => s >= 0 && s <= n))];
  for (const size of sizes) {
    const root = await tree.proofs.rootHash(size);
    if (!root.equals(rootHashOfLeafHashes(leafHashes.slice(0, size)))) wrong.push(`root of ${size}`);
    for (const m of [0, 1, Math.floor(size / 2), size - 1].filter((m) => m >= 0 && m < size)) {
      if (hex(await tree.proofs.inclusionProof(m, size)).join() !== hex(PATH(m, leaves.slice(0, size))).join()) wrong.push(`PATH(${m}, ${size})`);
    }
    for (const m of [1, 2, 7, Math.floor(size / 2), size - 1].filter((m) => m > 0 && m < size)) {
      if (hex(await tree.proofs.consistencyProof(m, size)).join() !== hex(PROOF(m, leaves.slice(0, size))).join()) wrong.push(`PROOF(${m}, ${size})`);
    }
  }
  expect(wrong).toEqual([]);
}

describe('logIndex and the Merkle tree on the append path', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase('logtree');
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  /** Fails the whole transaction of any batch holding a poisoned stream, as a value the database refuses would. */
  class PoisonedProjection implements InlineProjection {
    readonly transactions: number[] = [];
    constructor(private readonly poisoned: Set<string>) {}
    async apply(sql: SqlClient, events: RecordedEvent[]): Promise<void> {
      this.transactions.push(events.length);
      if (events.some((e) => this.poisoned.has(e.streamId))) await sql.query(`SELECT 'not a timestamp'::timestamptz`);
      await new ReadModelProjector().apply(sql, events);
    }
  }

  const request = (streamId: string, expectedVersion: AppendRequest<unknown>['expectedVersion'], n = 1) => ({
    streamId,
    expectedVersion,
    events: Array.from({ length: n }, (_, i) => anEvent(i)),
    metadata: metadataFor(),
    result: returnAppended,
  });

  it('is 0, 1, 2, … in commit order with no gap, when a batch rolls back (positions then have one) and across group-commit batches', async () => {
    const poisoned = aStreamId('poisoned');
    const projection = new PoisonedProjection(new Set([poisoned]));
    const { store }: { store: EventStore } = aStore(scratch.dataSource, { projection });

    // One event-loop turn: more requests than one batch holds (256), some of several events.
    const first = await Promise.allSettled(Array.from({ length: 600 }, (_, i) => store.append(request(aStreamId('many'), 'no_stream', 1 + (i % 3)))));
    expect(first.every((o) => o.status === 'fulfilled')).toBe(true);
    expect(projection.transactions.length).toBeGreaterThanOrEqual(3);

    // A batch that fails as a whole: drawn positions are lost, logIndex numbers nothing twice or never.
    const second = await Promise.allSettled([
      store.append(request(aStreamId('good'), 'no_stream', 2)),
      store.append(request(poisoned, 'no_stream')),
      store.append(request(aStreamId('good'), 'no_stream')),
    ]);
    expect(second.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const after = await store.append(request(aStreamId('after'), 'no_stream', 2));

    const rows = await logRows(scratch.dataSource);
    expect(rows.map((r) => r.logIndex)).toEqual(rows.map((_, i) => i));
    const lastPosition = rows[rows.length - 1].position;
    expect(lastPosition).toBeGreaterThan(rows.length); // the rolled-back batch's positions are a gap
    expect(after.result.events.map((e) => e.logIndex)).toEqual([rows.length - 2, rows.length - 1]);

    // What each append answered is what the log holds.
    const answered = [...first, ...second].flatMap((o) => (o.status === 'fulfilled' ? (o.value.result as { events: RecordedEvent[] }).events : []));
    const byPosition = new Map(rows.map((r) => [r.position, r.logIndex]));
    expect(answered.every((e) => byPosition.get(e.position) === e.logIndex)).toBe(true);

    await expectTreeOf(scratch.dataSource, leavesOf(rows));
  });

  it('the tree stays that of every event as appends go on, and maps positions to tree sizes', async () => {
    const { store } = aStore(scratch.dataSource);
    const streamId = aStreamId('more');
    await store.append(request(streamId, 'no_stream', 5));
    await store.append(request(streamId, 5, 1));
    await expectTreeOf(scratch.dataSource, leavesOf(await logRows(scratch.dataSource)));

    const tree = new LogTree(scratch.dataSource);
    const [last] = await scratch.dataSource.query('SELECT position FROM events ORDER BY position DESC LIMIT 1');
    expect(await tree.sizeAtPosition(Number(last.position))).toBe(await tree.size());
    expect(await tree.sizeAtPosition(0)).toBe(0);
  });

  it('the opening call confirms the edge an instance left while the tree still ends with its leaves, reads the frontier otherwise; two instances alternating keep the tree right', async () => {
    const [a, b] = [aStore(scratch.dataSource).store, aStore(scratch.dataSource).store];
    const opened: { frontier: unknown }[] = [];
    const client = new Client({ connectionString: scratch.url });
    await client.connect();
    try {
      const open = async (known: object | null) => {
        const [, { rows }] = await (client.query as (text: string) => Promise<any>)(
          `BEGIN; SELECT events_append_start(${APPEND_LOCK_KEY}, '{}'::text[], '{}'::text[], true, ${known ? `'${JSON.stringify(known)}'::jsonb` : 'NULL'}) AS opened`,
        );
        await client.query('ROLLBACK');
        return rows[0].opened as { treeSize: number; frontier: string[] | null };
      };
      const streams = [aStreamId('edge-a'), aStreamId('edge-b')];
      const version = [0, 0];
      for (const turn of [0, 0, 1, 0, 1, 1, 0]) {
        const { result } = await [a, b][turn].append(request(streams[turn], version[turn], 1 + (version[turn] % 3)));
        version[turn] = result.streamVersion;
        // What the appending instance now knows: its own leaves at the end of the tree.
        const leaves = result.events.map((e) => leafHash(Buffer.from(e.hash, 'hex')));
        const known = {
          size: result.events[result.events.length - 1].logIndex + 1,
          from: result.events[0].logIndex,
          digest: createHash('sha256').update(Buffer.concat(leaves)).digest('hex'),
        };
        const confirmed = await open(known);
        opened.push(confirmed);
        expect(confirmed).toMatchObject({ treeSize: known.size, frontier: null });
        // Anything else — another size, or other leaves — and the frontier is read.
        expect((await open({ ...known, digest: '00'.repeat(32) })).frontier).toEqual(expect.any(Array));
        expect((await open({ ...known, from: known.from - 1 })).frontier).toEqual(expect.any(Array));
        expect((await open({ ...known, size: known.size - 1 })).frontier).toEqual(expect.any(Array));
        expect((await open(null)).frontier).toEqual(expect.any(Array));
      }
    } finally {
      await client.end();
    }
    expect(opened).toHaveLength(7);
    await expectTreeOf(scratch.dataSource, leavesOf(await logRows(scratch.dataSource)));
  });

  it('carries any JSON through the INSERT’s arrays exactly: the stored event hashes to its hash', async () => {
    const { store } = aStore(scratch.dataSource);
    const data = { q: 'a "quoted" {brace}, back\\slash, ünïcødé 🕊️, NULL, tab\t and\nnewline', list: [null, '', '{}', 'a,b'], n: -1.5e-7 };
    const metadata = { ...metadataFor('name "with" quotes, {braces}'), note: null };
    const { result } = await store.append({
      streamId: aStreamId('tricky'),
      expectedVersion: 'no_stream',
      events: [{ type: 'SomethingHappened', schemaVersion: 1, data }],
      metadata,
      result: returnAppended,
    });
    const [stored] = await store.readStreamAsStored(result.events[0].streamId);
    expect(stored.data).toEqual(data);
    expect(stored.metadata).toEqual(metadata);
    expect(stored.prevHash).toBeNull();
    expect(eventHash(null, stored)).toBe(stored.hash);
  });

  it('the tree table is insert-only, like the log, even for its owner', async () => {
    await aStore(scratch.dataSource).store.append(request(aStreamId('some'), 'no_stream'));
    for (const sql of ['UPDATE merkle_nodes SET hash = hash', 'DELETE FROM merkle_nodes', 'TRUNCATE merkle_nodes']) {
      expect(await refusalOf(scratch.url, sql)).toMatchObject({ code: '23001', message: expect.stringContaining('insert-only') });
    }
  });
});

describe('the migration numbers and builds the tree of a log written before it', () => {
  let scratch: ScratchDatabase;

  beforeAll(async () => {
    scratch = await createScratchDatabase('premerkle', { migratedUpTo: 'CreateAppendStartFunction1764216000003' });
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it('gives every event its logIndex in position order, builds the same tree the append path would, and appends carry on from it', async () => {
    // The old way: rows inserted with their chain, no log_index; one transaction rolled back.
    const streams = [aStreamId('old-a'), aStreamId('old-b'), aStreamId('old-c')];
    const heads = new Map<string, { version: number; hash: string | null }>();
    const insert = async (streamId: string) => {
      const head = heads.get(streamId) ?? { version: 0, hash: null };
      const fields = {
        streamId,
        streamVersion: head.version + 1,
        type: 'SomethingHappened',
        schemaVersion: 1,
        data: { n: head.version },
        metadata: metadataFor(),
        recordedAt: '2020-10-10T12:00:00.000Z',
      };
      const hash = eventHash(head.hash, fields);
      await scratch.dataSource.query(
        `INSERT INTO events (stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [streamId, fields.streamVersion, fields.type, 1, JSON.stringify(fields.data), JSON.stringify(fields.metadata), fields.recordedAt, head.hash, hash],
      );
      heads.set(streamId, { version: fields.streamVersion, hash });
    };
    for (let i = 0; i < 150; i++) await insert(streams[(i * 7) % 3]);
    await scratch.dataSource
      .transaction(async (manager) => {
        await manager.query(
          `INSERT INTO events (stream_id, stream_version, type, schema_version, data, metadata, recorded_at, hash) VALUES ('rolled-back', 1, 'X', 1, '{}', '{}', now(), 'x')`,
        );
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    for (let i = 0; i < 50; i++) await insert(streams[i % 3]);
    const [{ has_column }] = await scratch.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'log_index') AS has_column`,
    );
    expect(has_column).toBe(false);

    await scratch.migrate();

    const rows = await logRows(scratch.dataSource);
    expect(rows).toHaveLength(200);
    expect(rows.map((r) => r.logIndex)).toEqual(rows.map((_, i) => i));
    expect(rows[rows.length - 1].position).toBe(201);
    await expectTreeOf(scratch.dataSource, leavesOf(rows));

    // The service, as the runtime role, appends on top: numbered on, nodes inserted, tree intact.
    const runtime = new DataSource({ ...scratch.dataSource.options, url: scratch.runtimeUrl } as never);
    await runtime.initialize();
    try {
      const { store } = aStore(runtime);
      const { result } = await store.append({
        streamId: streams[0],
        expectedVersion: heads.get(streams[0])!.version,
        events: [anEvent(1), anEvent(2), anEvent(3)],
        metadata: metadataFor(),
        result: returnAppended,
      });
      expect(result.events.map((e) => e.logIndex)).toEqual([200, 201, 202]);
    } finally {
      await runtime.destroy();
    }
    await expectTreeOf(scratch.dataSource, leavesOf(await logRows(scratch.dataSource)));
  });
});
