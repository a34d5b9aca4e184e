import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { connect, JetStreamManager, NatsConnection, NatsError } from 'nats';
import { DataSource } from 'typeorm';
import { validateConfig } from '../../src/config/app-config';
import { EventStore } from '../../src/event-store/event-store.service';
import { LogHead } from '../../src/event-store/live/log-head';
import { LogSource, NatsRelay, NatsRelayOptions } from '../../src/relay/nats-relay';
import { NatsRelayService } from '../../src/relay/nats-relay.service';
import { RELAY_LOCK_CLASS } from '../../src/relay/relay-leadership';
import { subjectFor } from '../../src/relay/relay-message';
import { createDataSource } from '../../src/database/data-source';
import {
  aStore,
  aStreamId,
  anEvent,
  createScratchDatabase,
  eventually,
  metadataFor,
  returnAppended,
  ScratchDatabase,
  sleep,
} from '../support/event-store-fixtures';
import { NatsProxy } from '../support/nats-proxy';

import { describeIfAvailable, tcpMissing } from '../support/external-tools';

/**
 * The broker feed against the NATS server on this machine (TEST_NATS_URL, else 127.0.0.1:4222;
 * .ci/run starts one). Every test publishes to a stream and subjects of its own, named after
 * this run, and deletes them after. The log is shared with the other test files, so the
 * stream is compared with the whole log: every position in it, once each, in order.
 */
const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const RUN = `${process.pid}x${Date.now().toString(36)}`;
let streamCount = 0;

interface Published {
  seq: number;
  msgId: string;
  subject: string;
  event: { position: number; type: string; streamId: string };
}

const natsAddress = new URL(NATS_URL.replace(/^nats:/, 'http:'));

describeIfAvailable(tcpMissing(natsAddress.hostname, Number(natsAddress.port || 4222), 'a NATS server with JetStream: see .ci/run'))('the NATS relay', () => {
  let scratch: ScratchDatabase;
  let databaseUrl: string;
  let dataSource: DataSource;
  let store: EventStore;
  let head: LogHead;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const streams: string[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    // A log of its own: every test publishes the whole log to a new stream, so the shared test
    // log (tens of thousands of events by the time this runs) would make each one slow.
    scratch = await createScratchDatabase('relay');
    databaseUrl = scratch.runtimeUrl;
    dataSource = createDataSource(databaseUrl);
    await dataSource.initialize();
    ({ store } = aStore(dataSource));
    head = new LogHead(validateConfig({ DATABASE_URL: databaseUrl }), store);
    nc = await connect({ servers: NATS_URL }).catch((error) => {
      throw new Error(`No NATS server with JetStream at ${NATS_URL} (start one: see .ci/run): ${error}`);
    });
    jsm = await nc.jetstreamManager();
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    for (const stream of streams.splice(0)) await jsm.streams.delete(stream).catch(() => undefined);
  });

  afterAll(async () => {
    await nc?.close();
    await head?.onModuleDestroy();
    await dataSource?.destroy();
    await scratch?.drop();
  });

  /** A stream and subject prefix of this test's own. */
  function aTarget(): { stream: string; subjectPrefix: string } {
    const n = ++streamCount;
    const stream = `RELAY_TEST_${RUN}_${n}`;
    streams.push(stream);
    return { stream, subjectPrefix: `relaytest.${RUN}.${n}` };
  }

  const fromTheStore = (): LogSource => ({
    read: (after, limit) => store.readAll({ after, limit }),
    waitForCommit: (after, timeoutMs, signal) => head.waitFor(after + 1, timeoutMs, signal),
  });

  /** Runs a relay until the test ends (or `stop` is called). */
  function startRelay(options: Partial<NatsRelayOptions> & { stream: string; subjectPrefix: string }, source = fromTheStore()) {
    const abort = new AbortController();
    const relay = new NatsRelay(source, { servers: [NATS_URL], maxBackoffMs: 300, ackTimeoutMs: 2000, ...options });
    const running = relay.run(abort.signal);
    const stop = async () => {
      abort.abort();
      await running;
    };
    cleanups.push(stop);
    return { stop };
  }

  async function appendEvents(count: number, streamsOf = 5): Promise<number[]> {
    const ids = Array.from({ length: streamsOf }, () => aStreamId('relay'));
    const writes = Array.from({ length: count }, (_, i) =>
      store.append({
        streamId: ids[i % streamsOf],
        expectedVersion: 'any',
        events: [i % 3 ? anEvent(i) : { type: 'OtherThingHappened', schemaVersion: 1, data: { n: i } }],
        metadata: metadataFor(),
        result: returnAppended,
      }),
    );
    return (await Promise.all(writes)).map((w) => w.result.position);
  }

  async function logPositions(): Promise<number[]> {
    const rows: { position: string }[] = await dataSource.query('SELECT position FROM events ORDER BY position');
    return rows.map((r) => Number(r.position));
  }

  /** Messages in the stream (0 before the relay has made it). */
  async function messageCount(stream: string): Promise<number> {
    const info = await jsm.streams.info(stream).catch((error: NatsError) => {
      if (error.api_error?.err_code === 10059) return null;
      throw error;
    });
    return info?.state.messages ?? 0;
  }

  /** Every message of the stream, in stream order (read by an ordered consumer). */
  async function published(stream: string): Promise<Published[]> {
    const count = await messageCount(stream);
    const out: Published[] = [];
    if (!count) return out;
    const consumer = await nc.jetstream().consumers.get(stream);
    while (out.length < count) {
      for await (const m of await consumer.fetch({ max_messages: count - out.length, expires: 5000 })) {
        out.push({ seq: m.seq, msgId: m.headers?.get('Nats-Msg-Id') ?? '', subject: m.subject, event: m.json() });
        if (out.length === count) break;
      }
    }
    return out;
  }

  /** Waits until the stream holds as many messages as the log has events (at least `atLeast`). */
  async function caughtUp(stream: string, timeoutMs = 30_000): Promise<number[]> {
    const positions = await logPositions();
    await eventually(async () => (await messageCount(stream)) >= positions.length, `the stream to hold all ${positions.length} events`, timeoutMs);
    return positions;
  }

  /** The stream holds `positions` exactly: each once, in order, message id = position, payload = the event. */
  async function expectStreamToHold(stream: string, subjectPrefix: string, positions: number[]): Promise<void> {
    const messages = await published(stream);
    expect(messages.map((m) => m.event.position)).toEqual(positions);
    expect(messages.map((m) => m.msgId)).toEqual(positions.map(String));
    for (const m of messages) expect(m.subject).toBe(subjectFor(subjectPrefix, m.event.type));
  }

  it('publishes every committed event once, in order, as GET /events serves it, and wakes on new commits', async () => {
    const target = aTarget();
    await appendEvents(120);
    startRelay({ ...target, batchSize: 50, pollMs: 60_000 });
    const positions = await caughtUp(target.stream);
    await expectStreamToHold(target.stream, target.subjectPrefix, positions);

    const [one] = await published(target.stream).then((all) => all.slice(-1));
    const [asServed] = await store.readAll({ after: one.event.position - 1, limit: 1 });
    expect(one.event).toEqual(asServed);

    // Caught up and asleep with a 60 s poll: only the commit's wake-up can bring these in time.
    const started = Date.now();
    const more = await appendEvents(7);
    await eventually(async () => (await messageCount(target.stream)) === positions.length + 7, 'the new events to be published', 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectStreamToHold(target.stream, target.subjectPrefix, [...positions, ...more]);
  });

  it('killed in the middle of a batch, resumes from what the broker acknowledged: none skipped, none twice', async () => {
    const target = aTarget();
    await appendEvents(400);
    const proxy = await NatsProxy.start(NATS_URL);
    cleanups.push(() => proxy.close());
    const cut = proxy.cutAfterPublishes(125); // the 3rd batch of 50, half sent
    const first = startRelay({ ...target, servers: [proxy.url], batchSize: 50 });
    await cut;
    await first.stop();
    const positions = await logPositions();

    // The fault happened mid-stream: the broker has exactly the 125 messages sent whole.
    await eventually(async () => (await messageCount(target.stream)) >= 125, 'the broker to store what it was sent');
    const before = await published(target.stream);
    expect(before).toHaveLength(125);
    expect(before.map((m) => m.event.position)).toEqual(positions.slice(0, 125));

    startRelay({ ...target, batchSize: 50 });
    await caughtUp(target.stream);
    await expectStreamToHold(target.stream, target.subjectPrefix, positions);
  });

  it('a relay process killed with SIGKILL mid-stream resumes where the broker ends, none skipped, none twice', async () => {
    const target = aTarget();
    await appendEvents(600);
    const positions = await logPositions();
    const child = spawnRelayChild(target);
    cleanups.push(async () => child.kill('SIGKILL'));
    await eventually(async () => (await messageCount(target.stream)) >= 40, 'the child to publish', 20_000);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(child.signalCode).toBe('SIGKILL');

    const before = await published(target.stream);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(positions.length);
    expect(before.map((m) => m.event.position)).toEqual(positions.slice(0, before.length));

    startRelay({ ...target, batchSize: 100 });
    await caughtUp(target.stream);
    await expectStreamToHold(target.stream, target.subjectPrefix, positions);
  });

  it('goes on publishing after the broker was unreachable for a while', async () => {
    const target = aTarget();
    const proxy = await NatsProxy.start(NATS_URL);
    cleanups.push(() => proxy.close());
    startRelay({ ...target, servers: [proxy.url], pollMs: 200 });
    const positions = await caughtUp(target.stream);

    proxy.refuse();
    const during = await appendEvents(30);
    await sleep(1500);
    // Nothing got through while the broker could not be reached: the outage was real.
    expect(await messageCount(target.stream)).toBe(positions.length);

    proxy.pass();
    await caughtUp(target.stream);
    await expectStreamToHold(target.stream, target.subjectPrefix, [...positions, ...during]);
  });

  it('stops when told to while it is still connecting, rather than going on with the connection it then gets', async () => {
    const target = aTarget();
    await appendEvents(5);
    const abort = new AbortController();
    const running = new NatsRelay(fromTheStore(), { servers: [NATS_URL], ackTimeoutMs: 2000, ...target }).run(abort.signal);
    abort.abort(); // the connection is still being made
    const stopped = await Promise.race([running.then(() => 'stopped'), sleep(5_000).then(() => 'still running after 5 s')]);
    expect(stopped).toBe('stopped');
  });

  it('two relays publishing at once without the lock still leave each position once, in order', async () => {
    const target = aTarget();
    await appendEvents(300);
    const refusals: string[] = [];
    const logger = { log: () => undefined, warn: (message: string) => refusals.push(message) };
    startRelay({ ...target, batchSize: 40, logger });
    startRelay({ ...target, batchSize: 40, logger });
    const positions = await caughtUp(target.stream);
    await expectStreamToHold(target.stream, target.subjectPrefix, positions);
    // They did collide: the broker refused one's publishes, and it re-read where the stream ends.
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('of two instances, only the lock holder publishes; the other takes over when it stops', async () => {
    const target = aTarget();
    const config = validateConfig({ DATABASE_URL: databaseUrl, NATS_URL, NATS_STREAM: target.stream, NATS_SUBJECT_PREFIX: target.subjectPrefix });
    const a = new NatsRelayService(config, store, head);
    const b = new NatsRelayService(config, store, head);
    cleanups.push(
      () => a.onModuleDestroy(),
      () => b.onModuleDestroy(),
    );
    a.onApplicationBootstrap();
    await caughtUp(target.stream);
    b.onApplicationBootstrap();

    const holders = async () => {
      const [row] = await dataSource.query(
        `SELECT count(*)::int AS n FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1
            AND objid::bigint = (hashtext($2)::bigint & 4294967295)
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        [RELAY_LOCK_CLASS, target.stream],
      );
      return row.n as number;
    };
    await sleep(500);
    expect(await holders()).toBe(1);

    await a.onModuleDestroy();
    const later = await appendEvents(20);
    const positions = await caughtUp(target.stream, 20_000);
    expect(positions.slice(-20)).toEqual(later);
    await expectStreamToHold(target.stream, target.subjectPrefix, positions);
  });

  function spawnRelayChild(target: { stream: string; subjectPrefix: string }): ChildProcess {
    const child = spawn(process.execPath, [join(__dirname, '../support/run-ts.js'), join(__dirname, '../support/relay-child.ts')], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NATS_URL,
        NATS_STREAM: target.stream,
        NATS_SUBJECT_PREFIX: target.subjectPrefix,
        RELAY_CHILD_BATCH: '20',
        RELAY_CHILD_READ_DELAY_MS: '20',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return child;
  }
});
