import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import request from 'supertest';
import { aBreachBody, aTruceBody } from '../support/builders';
import { eventually, sleep } from '../support/event-store-fixtures';
import { openSse } from '../support/sse';
import { TcpProxy } from '../support/tcp-proxy';
import { bearer, createTestApp, TestApp } from '../support/test-app';
import { testDatabaseUrl } from '../support/test-database';

/**
 * ARCHITECTURE.md, "Under faults and load", tried for real: the service talks to PostgreSQL
 * through a TCP proxy the test steers (test/support/tcp-proxy.ts). A database that refuses or
 * goes silent must turn into 503s within seconds, never a hang or a 500; readiness goes red and
 * back; the service heals without a restart; and every acknowledged event is in the log exactly
 * once — also when the connection breaks while a COMMIT is in flight.
 */
describe('the service under database faults', () => {
  /** Every request must be answered within this, whatever the database does. */
  const ANSWER_WITHIN_MS = 10_000;
  let proxy: TcpProxy;
  let t: TestApp;
  let baseUrl: string;
  let db: Client;
  let truceId: string;

  beforeAll(async () => {
    const direct = new URL(testDatabaseUrl());
    proxy = await TcpProxy.start({ target: { host: direct.hostname, port: Number(direct.port || 5432) } });
    t = await createTestApp({
      env: { DATABASE_URL: proxy.url(testDatabaseUrl()), DB_CONNECT_TIMEOUT_MS: '1000', DB_QUERY_TIMEOUT_MS: '2000' },
      // Records get distinct record times, as they would with a real clock.
      now: '2020-10-10T09:00:00Z',
    });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    db = new Client({ connectionString: testDatabaseUrl() });
    await db.connect();
    truceId = (await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody())).body.truceId;
  });

  afterAll(async () => {
    // The proxy first: nothing can say goodbye through a blackhole.
    await proxy?.close();
    await t?.app.close();
    await db?.end();
  });

  afterEach(() => proxy.pass());

  /** Reports whose description carries `marker`, straight from the log (not through the proxy). */
  async function reportsMarked(marker: string): Promise<number> {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM events WHERE type = 'BreachReported' AND data->>'description' = $1`, [marker]);
    return rows[0].n;
  }

  interface Answer {
    status: number;
    ms: number;
    marker: string;
    contentType: string;
    retryAfter: string | undefined;
    code?: string;
  }

  async function report(marker: string, idempotencyKey?: string): Promise<Answer> {
    const started = Date.now();
    const req = request(t.http())
      .post(`/truces/${truceId}/incidents`)
      .set(bearer('reporter'))
      .timeout(ANSWER_WITHIN_MS + 5_000);
    if (idempotencyKey) req.set('Idempotency-Key', idempotencyKey);
    const res = await req.send(aBreachBody({ description: marker }));
    return {
      status: res.status,
      ms: Date.now() - started,
      marker,
      contentType: String(res.headers['content-type'] ?? ''),
      retryAfter: res.headers['retry-after'],
      code: res.body?.code,
    };
  }

  const ready = async () => (await request(t.http()).get('/health/ready').timeout(ANSWER_WITHIN_MS)).status;

  it('refused, then silent, while writers send: every request answered 201 or 503 in time, readiness red and back, each acknowledged event once', async () => {
    const answers: Answer[] = [];
    let writing = true;
    const writers = [0, 1, 2, 3].map(async (w) => {
      for (let n = 0; writing; n++) {
        const marker = `fault-run ${w}-${n}-${randomUUID()}`;
        // Half the writers use Idempotency-Key, half do not: neither may produce a double.
        answers.push(await report(marker, w % 2 ? randomUUID() : undefined));
        await sleep(20);
      }
    });

    await sleep(500);
    proxy.refuse();
    await sleep(300);
    expect(await ready()).toBe(503);
    await sleep(1_500);
    proxy.pass();
    await eventually(async () => (await ready()) === 200, 'ready again after the refusals', ANSWER_WITHIN_MS);

    proxy.blackhole();
    const silentReady = Date.now();
    expect(await ready()).toBe(503);
    expect(Date.now() - silentReady).toBeLessThan(ANSWER_WITHIN_MS);
    await sleep(3_000);
    proxy.pass();
    await eventually(async () => (await ready()) === 200, 'ready again after the silence', ANSWER_WITHIN_MS * 2);
    const healedFrom = answers.length;
    await eventually(async () => answers.slice(healedFrom).some((a) => a.status === 201), 'writes succeed again without a restart', ANSWER_WITHIN_MS * 2);
    writing = false;
    await Promise.all(writers);

    // Both faults really happened, and writes went on around them.
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThan(0);
    for (const answer of answers) {
      expect([201, 503]).toContain(answer.status);
      expect(answer.ms).toBeLessThan(ANSWER_WITHIN_MS);
      if (answer.status === 503) {
        expect(answer.contentType).toContain('application/problem+json');
        expect(Number(answer.retryAfter)).toBeGreaterThan(0);
      }
    }
    // Acknowledged: in the log exactly once. Refused: at most once (an unknown outcome may have landed), never twice.
    for (const answer of answers) {
      const n = await reportsMarked(answer.marker);
      if (answer.status === 201) expect({ marker: answer.marker, n }).toEqual({ marker: answer.marker, n: 1 });
      else expect(n).toBeLessThanOrEqual(1);
    }
  }, 90_000);

  it.each(['after', 'before'] as const)(
    'a connection lost while its COMMIT is in flight (%s it reached the server): answered 201 and in the log exactly once',
    async (mode) => {
      // Warm the pool so the write does not race the fault onto a fresh connection.
      expect((await report(`warm-up ${randomUUID()}`)).status).toBe(201);
      const fault = proxy.armCommitFault(mode);
      const marker = `commit-fault ${mode} ${randomUUID()}`;
      const answer = await report(marker);
      const { committed } = await fault;
      expect(committed).toBe(mode === 'after');
      expect(answer.status).toBe(201);
      expect(await reportsMarked(marker)).toBe(1);
    },
    30_000,
  );

  it('a live feed whose database fails ends (so EventSource reconnects); a lost notification connection does not leave readers asleep', async () => {
    const head = (await request(t.http()).get('/events?after=0&limit=1').set(bearer('reporter'))).status;
    expect(head).toBe(200);
    const { body } = await request(t.http()).get('/integrity');
    const feed = await openSse(`${baseUrl}/events/live?after=${body.headPosition}`);

    // Every connection cut, the notification connection among them: a new event still arrives promptly.
    proxy.cutAll();
    const marker = `after-cut ${randomUUID()}`;
    await eventually(async () => (await report(marker)).status === 201, 'a write after the cut', ANSWER_WITHIN_MS);
    const arrived = Date.now();
    await eventually(async () => feed.events.some((e) => e.type === 'BreachReported'), 'the event on the live feed', 5_000);
    expect(Date.now() - arrived).toBeLessThan(5_000);

    // The database refuses: the feed ends instead of staying open and silent.
    proxy.refuse();
    await expect(Promise.race([feed.ended.then(() => 'ended'), sleep(ANSWER_WITHIN_MS).then(() => 'still open')])).resolves.toBe('ended');
    feed.close();
  }, 60_000);
});
