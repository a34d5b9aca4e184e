/**
 * The adversary the Merkle tree is for (ARCHITECTURE.md, "Verifiable by outsiders"): a database
 * superuser who switches the append-only trigger off, rewrites history and recomputes the hash
 * chain after it, or cuts the tail off a stream. The hash chains (GET /integrity) cannot see
 * that; an auditor holding a checkpoint it verified earlier must — through HTTP only, as the
 * CLI runs it (its transport, the auditor of src/verifier), against the running app.
 */
import { execFile } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { describeResult, httpTransport } from '../../src/cli/audit';
import { APPEND_LOCK_KEY } from '../../src/event-store/append-lock';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from '../../src/event-store/event-row';
import { EventStore } from '../../src/event-store/event-store.service';
import { RecordedEvent } from '../../src/event-store/event-store.types';
import { eventHash } from '../../src/event-store/hash-chain';
import { IntegrityService } from '../../src/event-store/integrity.service';
import { audit, AuditResult, AuditTransport } from '../../src/verifier/auditor';
import { leafHash } from '../../src/verifier/merkle';
import { MemoryStateStore } from '../../src/verifier/testing/fake-log';
import { aStreamId, anEvent, createScratchDatabase, metadataFor, returnAppended, ScratchDatabase } from '../support/event-store-fixtures';
import { createTestApp, TEST_CHECKPOINT, TestApp } from '../support/test-app';

/** A log on a database of its own, served by the app, and an auditor that has verified it twice. */
class LogUnderAudit {
  scratch!: ScratchDatabase;
  t!: TestApp;
  url!: string;
  transport!: AuditTransport;
  readonly state = new MemoryStateStore();
  readonly streams = [aStreamId('alpha'), aStreamId('beta'), aStreamId('gamma')];
  private readonly versions = new Map<string, number>();

  async start(label: string): Promise<void> {
    this.scratch = await createScratchDatabase(label);
    this.t = await createTestApp({ env: { DATABASE_URL: this.scratch.runtimeUrl } });
    await this.t.app.listen(0, '127.0.0.1');
    this.url = `http://127.0.0.1:${(this.t.app.getHttpServer().address() as AddressInfo).port}`;
    this.transport = httpTransport(this.url);

    await this.appendRound([2, 1, 3]);
    await this.appendRound([1, 2, 1]);
    const first = await this.audit();
    expect(first).toMatchObject({ ok: true, outcome: 'first-use', treeSize: 10, replayed: true });
    await this.appendRound([1, 1, 2]);
    await expect(this.audit()).resolves.toMatchObject({ ok: true, outcome: 'extended', previousSize: 10, treeSize: 14, replayed: true });
  }

  async stop(): Promise<void> {
    await this.t?.app.close();
    await this.scratch?.drop();
  }

  /** n[i] events to stream i, streams interleaved. */
  async appendRound(counts: number[]): Promise<void> {
    const store = this.t.app.get(EventStore);
    for (const [i, n] of counts.entries()) {
      if (!n) continue;
      const streamId = this.streams[i];
      const version = this.versions.get(streamId) ?? 0;
      await store.append({
        streamId,
        expectedVersion: version,
        events: Array.from({ length: n }, (_, k) => anEvent(version + k)),
        metadata: metadataFor(),
        result: returnAppended,
      });
      this.versions.set(streamId, version + n);
    }
  }

  /** The auditor with the key pinned out of band, as `npm run audit -- <url> --key …` runs it. */
  audit(): Promise<AuditResult> {
    return audit({ transport: this.transport, store: this.state, key: TEST_CHECKPOINT.verifierKey });
  }

  async stream(streamId: string): Promise<RecordedEvent[]> {
    const rows: EventRow[] = await this.scratch.dataSource.query(`SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = $1 ORDER BY stream_version`, [
      streamId,
    ]);
    return rows.map(toRecordedEvent);
  }

  /** What /integrity answers, and what a full recomputation of every chain answers now. */
  async chainsSay(): Promise<{ endpoint: boolean; full: boolean }> {
    const endpoint = (await request(this.t.http()).get('/integrity').expect(200)).body.ok;
    const full = (await new IntegrityService(this.scratch.dataSource).check()).ok;
    return { endpoint, full };
  }
}

/** As a superuser: the trigger off, `work`, the trigger on again — in one transaction. */
async function asSuperuser(db: DataSource, work: (query: (sql: string, params?: unknown[]) => Promise<any>) => Promise<void>): Promise<void> {
  await db.transaction(async (manager) => {
    await manager.query('ALTER TABLE events DISABLE TRIGGER events_append_only_rows');
    await work((sql, params) => manager.query(sql, params));
    await manager.query('ALTER TABLE events ENABLE TRIGGER events_append_only_rows');
  });
}

/** Edits one event's data and recomputes its stream's chain from there: every later hash of the stream. */
async function rewriteAndRechain(db: DataSource, victim: RecordedEvent, stream: RecordedEvent[], data: unknown): Promise<void> {
  await asSuperuser(db, async (query) => {
    let prevHash = victim.prevHash;
    for (const event of stream.filter((e) => e.streamVersion >= victim.streamVersion)) {
      const edited = event.position === victim.position ? { ...event, data } : event;
      const hash = eventHash(prevHash, edited);
      await query('UPDATE events SET data = $1, prev_hash = $2, hash = $3 WHERE position = $4', [JSON.stringify(edited.data), prevHash, hash, event.position]);
      prevHash = hash;
    }
  });
}

describe('a superuser rewrites an event and recomputes its stream’s chain', () => {
  const log = new LogUnderAudit();
  beforeAll(() => log.start('adv_rewrite'));
  afterAll(() => log.stop());

  it('the chains still check out, but the auditor fails and names the rewritten logIndex', async () => {
    const [alpha] = log.streams;
    const before = await log.stream(alpha);
    const victim = before[1]; // version 2 of 5: the three after it are re-hashed too
    expect(before.length).toBeGreaterThan(victim.streamVersion);

    await rewriteAndRechain(log.scratch.dataSource, victim, before, { n: 999, note: 'never happened' });

    // The tampering happened: new data, new hashes from the victim on, a valid chain.
    const after = await log.stream(alpha);
    expect(after[1].data).toEqual({ n: 999, note: 'never happened' });
    expect(after.map((e) => e.hash === before[e.streamVersion - 1].hash)).toEqual(before.map((e) => e.streamVersion < victim.streamVersion));
    expect(await log.chainsSay()).toEqual({ endpoint: true, full: true });

    const result = await log.audit();

    expect(result).toMatchObject({ ok: false, failure: 'entries-mismatch', firstBadLogIndex: victim.logIndex });
    expect(describeResult(result)).toContain(`(first bad logIndex ${victim.logIndex})`);

    // By hand (README): the event hashes to its hash, but it is not the leaf the signed tree holds.
    const byHand = await promisify(execFile)(process.execPath, [
      'scripts/verify-event.mjs',
      log.url,
      String(victim.position),
      '--key',
      TEST_CHECKPOINT.verifierKey,
    ]).catch((e) => e);
    expect(byHand).toMatchObject({ code: 1, stderr: 'FAILED: the tree holds another leaf at that logIndex\n' });
  });
});

describe('a superuser deletes the last event of a stream', () => {
  const log = new LogUnderAudit();
  beforeAll(() => log.start('adv_delete'));
  afterAll(() => log.stop());

  it('/integrity still says ok, but the auditor fails and names the missing logIndex', async () => {
    const [, beta] = log.streams;
    const stream = await log.stream(beta);
    const denied = stream[stream.length - 1];
    const [{ head }] = await log.scratch.dataSource.query('SELECT max(position)::int AS head FROM events');
    expect(denied.position).toBeLessThan(head); // not the end of the log: later events of other streams remain

    await asSuperuser(log.scratch.dataSource, (query) => query('DELETE FROM events WHERE position = $1', [denied.position]));

    expect(await log.stream(beta)).toHaveLength(stream.length - 1);
    expect(await log.chainsSay()).toEqual({ endpoint: true, full: true });

    const result = await log.audit();

    expect(result).toMatchObject({ ok: false, failure: 'entries-mismatch', firstBadLogIndex: denied.logIndex });
    expect(result.message).toContain('no longer serves it');
  });
});

describe('a superuser rewrites an event and rebuilds the tree to match it', () => {
  const log = new LogUnderAudit();
  beforeAll(() => log.start('adv_retree'));
  afterAll(() => log.stop());

  it('the next checkpoint is not consistent with the one the auditor trusted', async () => {
    const [, , gamma] = log.streams;
    const stream = await log.stream(gamma);
    await rewriteAndRechain(log.scratch.dataSource, stream[0], stream, { n: -1 });
    await log.scratch.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE merkle_nodes DISABLE TRIGGER USER');
      await manager.query('DELETE FROM merkle_nodes');
      await manager.query('SELECT merkle_tree_extend($1)', [APPEND_LOCK_KEY]);
      await manager.query('ALTER TABLE merkle_nodes ENABLE TRIGGER USER');
    });
    // The tree now holds the rewritten event's hash: it is the tree of the log as it reads now.
    const [rewritten] = await log.stream(gamma);
    const [{ hash: leaf }] = await log.scratch.dataSource.query('SELECT hash FROM merkle_nodes WHERE level = 0 AND index = $1', [rewritten.logIndex]);
    expect(leaf.toString('hex')).toBe(leafHash(Buffer.from(rewritten.hash, 'hex')).toString('hex'));
    expect(rewritten.hash).not.toBe(stream[0].hash);
    await log.appendRound([1, 0, 0]);
    expect(await log.chainsSay()).toEqual({ endpoint: true, full: true });

    const result = await log.audit();

    expect(result).toMatchObject({ ok: false, failure: 'inconsistent', trustedSize: 14, seenSize: 15 });
  });
});
