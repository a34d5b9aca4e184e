import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Client } from 'pg';
import { freePort } from '../../src/database/free-port';
import { incidentStreamId } from '../../src/incidents/domain/incident';
import { aBreachDenied, aBreachReported } from '../support/domain-builders';
import { aStore, metadataFor, returnAppended } from '../support/event-store-fixtures';
import { openTestDataSource, testDatabaseUrl } from '../support/test-database';
import { TEST_CHECKPOINT } from '../support/test-app';

const ADMIN = 'admin-secret-multi-01';
const REPORTER = 'reporter-secret-multi';
const API_KEYS = `ops:admin:${ADMIN},desk:reporter:${REPORTER}`;

interface Instance {
  url: string;
  process: ChildProcess;
}

/** The service as production runs it: a separate Node process from the compiled build. */
async function startInstance(): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: testDatabaseUrl(),
      API_KEYS,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      // Instances serving one log sign with one key.
      CHECKPOINT_ORIGIN: TEST_CHECKPOINT.origin,
      CHECKPOINT_SIGNING_KEY: TEST_CHECKPOINT.signingKey,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { url, process: child };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('instance did not become ready');
}

async function post(url: string, key: string, body: unknown) {
  const res = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as any };
}

/** Reads the live feed of one instance until `count` events have arrived. */
async function liveIds(url: string, after: number, count: number, timeoutMs = 10_000): Promise<number[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const ids: number[] = [];
  try {
    const res = await fetch(`${url}/events/live?after=${after}`, { signal: controller.signal });
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += Buffer.from(chunk).toString('utf8');
      for (const match of buffer.matchAll(/^id: (\d+)$/gm)) if (!ids.includes(Number(match[1]))) ids.push(Number(match[1]));
      if (ids.length >= count) break;
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return ids;
}

async function headPosition(db: Client): Promise<number> {
  return Number((await db.query('SELECT COALESCE(MAX(position), 0) AS head FROM events')).rows[0].head);
}

describe('several instances on one database', () => {
  let a: Instance;
  let b: Instance;
  let db: Client;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    [a, b] = await Promise.all([startInstance(), startInstance()]);
    // A build from clean takes a minute or more on a busy two-core machine.
  }, 300_000);

  afterAll(async () => {
    for (const instance of [a, b]) if (instance && instance.process.exitCode === null) instance.process.kill('SIGTERM');
    await db.end();
  });

  it('serves one consistent live feed: written through A, delivered through B in commit order', async () => {
    const start = await headPosition(db);
    const reading = liveIds(b.url, start, 4);
    await new Promise((r) => setTimeout(r, 300));
    const written: number[] = [];
    for (let i = 0; i < 4; i++) {
      const target = i % 2 ? b : a;
      const res = await post(`${target.url}/truces`, ADMIN, {
        name: `instance test ${i}`,
        parties: [
          { id: 'ARM', name: 'Armenia' },
          { id: 'AZE', name: 'Azerbaijan' },
        ],
        effectiveAt: '2020-10-10T08:00:00Z',
      });
      expect(res.status).toBe(201);
      written.push(res.body.position);
    }
    expect(await reading).toEqual(written);
  });

  it('reads through one instance reflect writes acknowledged by the other at once', async () => {
    const truce = await post(`${a.url}/truces`, ADMIN, {
      name: 'read your writes',
      parties: [
        { id: 'ARM', name: 'Armenia' },
        { id: 'AZE', name: 'Azerbaijan' },
      ],
      effectiveAt: '2020-10-10T08:00:00Z',
    });
    for (let i = 1; i <= 10; i++) {
      const [writer, reader] = i % 2 ? [a, b] : [b, a];
      const write = await post(`${writer.url}/truces/${truce.body.truceId}/incidents`, REPORTER, {
        reportedBy: 'ARM',
        accusedParty: 'AZE',
        occurredAt: { from: '2020-10-10T09:00:00Z', precision: 'hour' },
        location: { name: `village ${i}` },
        sources: [{ name: 'read-your-writes test' }],
      });
      expect(write.status).toBe(201);
      const status = (await (await fetch(`${reader.url}/truces/${truce.body.truceId}`)).json()) as any;
      expect(status.counts.breaches).toBe(i);
      expect(status.status).toBe('contested');
    }
  });

  it('when the instance holding the rebuild lock is killed, the other takes over', async () => {
    const truce = await post(`${a.url}/truces`, ADMIN, {
      name: 'takeover',
      parties: [
        { id: 'ARM', name: 'Armenia' },
        { id: 'AZE', name: 'Azerbaijan' },
      ],
      effectiveAt: '2020-10-10T08:00:00Z',
    });
    const reports = Array.from({ length: 400 }, (_, i) =>
      post(`${(i % 2 ? a : b).url}/truces/${truce.body.truceId}/incidents`, REPORTER, {
        reportedBy: 'ARM',
        accusedParty: 'AZE',
        occurredAt: { from: '2020-10-10T09:00:00Z', precision: 'hour' },
        location: { name: `village ${i}` },
        sources: [{ name: 'takeover test' }],
      }),
    );
    expect((await Promise.all(reports)).every((r) => r.status === 201)).toBe(true);
    // A log long enough that A's rebuild folds for a while: 5,000 more events, under another
    // truce so as not to change this one's counts, appended straight to the store.
    const other = await post(`${a.url}/truces`, ADMIN, {
      name: 'takeover, a long log',
      parties: [
        { id: 'ARM', name: 'Armenia' },
        { id: 'AZE', name: 'Azerbaijan' },
      ],
      effectiveAt: '2020-10-10T08:00:00Z',
    });
    const dataSource = await openTestDataSource();
    try {
      const { store } = aStore(dataSource);
      await Promise.all(
        Array.from({ length: 200 }, () => {
          const incidentId = randomUUID();
          return store.append({
            streamId: incidentStreamId(incidentId),
            expectedVersion: 'no_stream',
            events: [aBreachReported({ incidentId, truceId: other.body.truceId }), ...Array.from({ length: 24 }, () => aBreachDenied())],
            metadata: metadataFor('takeover-test'),
            result: returnAppended,
          });
        }),
      );
    } finally {
      await dataSource.destroy();
    }

    /**
     * A's rebuild caught in the act: it holds the rebuild lock, its scratch schema exists, and its
     * build transaction has already folded events into the scratch tables (it has written, and its
     * statement is a COPY (into them: the only COPY the service runs) or the inline projection's upsert), so it has started and not finished.
     */
    const inTheAct = async () => {
      const { rows } = await db.query(`
        SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242002 AND granted) AS locked,
               EXISTS (SELECT 1 FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%') AS scratch,
               EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND (query LIKE 'COPY %' OR query LIKE '%jsonb_to_recordset%')) AS folding`);
      return rows[0].locked && rows[0].scratch && rows[0].folding;
    };
    const rebuildOnA = post(`${a.url}/admin/projections/rebuild`, ADMIN, {}).catch(() => null);
    const deadline = Date.now() + 20_000;
    while (!(await inTheAct()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    expect(await inTheAct()).toBe(true);

    a.process.kill('SIGKILL');
    await once(a.process, 'exit');
    await rebuildOnA;
    // It died before its swap: the scratch schema it was building in is left behind.
    const left = await db.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'");
    expect(left.rows.length).toBeGreaterThan(0);

    const rebuilt = await post(`${b.url}/admin/projections/rebuild`, ADMIN, {});
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.events).toBeGreaterThanOrEqual(401);
    const write = await post(`${b.url}/truces/${truce.body.truceId}/incidents`, REPORTER, {
      reportedBy: 'AZE',
      accusedParty: 'ARM',
      occurredAt: { from: '2020-10-10T10:00:00Z', precision: 'hour' },
      location: { name: 'after the takeover' },
      sources: [{ name: 'takeover test' }],
    });
    expect(write.status).toBe(201);
    const status = await (await fetch(`${b.url}/truces/${truce.body.truceId}?at=2030-01-01T00:00:00Z`)).json();
    expect((status as any).counts.breaches).toBe(401);
    const orphans = await db.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild\\_%'");
    expect(orphans.rows).toEqual([]);
  });
});
