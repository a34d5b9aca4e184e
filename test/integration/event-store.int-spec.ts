import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock';
import { EventStore } from '../../src/event-store/event-store.service';
import { IdempotencyKeyReusedError, NewEvent, WrongExpectedVersionError } from '../../src/event-store/event-store.types';
import { EventRow } from '../../src/event-store/event-row';
import { eventHash } from '../../src/event-store/hash-chain';
import { incidentStreamId } from '../../src/incidents/domain/incident';
import { aBreachReported } from '../support/domain-builders';
import { aStore, aStreamId, anEvent, metadataFor, refusalOf, returnAppended } from '../support/event-store-fixtures';
import { openTestDataSource, ownerDatabaseUrl } from '../support/test-database';

describe('EventStore against PostgreSQL', () => {
  let dataSource: DataSource;
  let store: EventStore;
  let clock: FixedClock;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });

  beforeEach(() => {
    ({ store, clock } = aStore(dataSource));
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  const append = (streamId: string, expectedVersion: number | 'no_stream' | 'any', events: NewEvent[]) =>
    store.append({ streamId, expectedVersion, events, metadata: metadataFor(), result: returnAppended });

  const rawRows = (streamId: string): Promise<EventRow[]> => dataSource.query('SELECT * FROM events WHERE stream_id = $1 ORDER BY stream_version', [streamId]);

  describe('append and read back', () => {
    it('returns what was appended, in version order, with the position, version, time and hash the store added', async () => {
      const streamId = aStreamId();
      const metadata = { ...metadataFor('alice-reporter'), requestId: 'r-1' };
      clock.set('2020-10-10T12:34:56.789Z');

      const first = await store.append({
        streamId,
        expectedVersion: 'no_stream',
        events: [anEvent(1, { nested: { b: [1, 'two', null], a: 'é' } }), anEvent(2)],
        metadata,
        result: returnAppended,
      });
      clock.advance(1000);
      const second = await append(streamId, 2, [anEvent(3)]);

      const read = await store.readStream(streamId);
      expect(read).toEqual([...first.result.events, ...second.result.events]);
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
      expect(read.map((e) => e.data)).toEqual([{ n: 1, nested: { b: [1, 'two', null], a: 'é' } }, { n: 2 }, { n: 3 }]);
      expect(read[0]).toMatchObject({ streamId, type: 'SomethingHappened', schemaVersion: 1, metadata, recordedAt: '2020-10-10T12:34:56.789Z' });
      expect(read[2].recordedAt).toBe('2020-10-10T12:34:57.789Z');
      expect(read[0].position).toBeLessThan(read[1].position);
      expect(read[1].position).toBeLessThan(read[2].position);
      expect(first.result.position).toBe(read[1].position);
      expect(first.result.streamVersion).toBe(2);
      expect(first.replayed).toBe(false);
      expect(await store.readStreamAsStored(streamId)).toEqual(read);
    });

    it('reads an unknown stream as empty', async () => {
      await expect(store.readStream(aStreamId())).resolves.toEqual([]);
    });

    it('readAll pages the log in position order and filters by stream', async () => {
      const streamId = aStreamId();
      const { result } = await append(streamId, 'no_stream', [anEvent(1), anEvent(2), anEvent(3)]);
      const before = result.events[0].position - 1;

      const page1 = await store.readAll({ after: before, limit: 2, streamId });
      const page2 = await store.readAll({ after: page1[page1.length - 1].position, limit: 2, streamId });

      expect([...page1, ...page2]).toEqual(result.events);
      expect(page2).toHaveLength(1);
    });
  });

  describe('optimistic concurrency', () => {
    it('refuses an append at the wrong expected version and writes nothing', async () => {
      const streamId = aStreamId();
      await append(streamId, 'no_stream', [anEvent(1)]);

      await expect(append(streamId, 0, [anEvent(2)])).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(append(streamId, 2, [anEvent(2)])).rejects.toMatchObject({ name: 'WrongExpectedVersionError', expected: 2, actual: 1 });
      await expect(append(streamId, 'no_stream', [anEvent(2), anEvent(3)])).rejects.toBeInstanceOf(WrongExpectedVersionError);

      const rows = await rawRows(streamId);
      expect(rows.map((r) => r.data)).toEqual([{ n: 1 }]);
    });

    it('refuses an expected version on a stream that does not exist', async () => {
      const streamId = aStreamId();

      await expect(append(streamId, 1, [anEvent(1)])).rejects.toMatchObject({ name: 'WrongExpectedVersionError', actual: 0 });
      await expect(rawRows(streamId)).resolves.toEqual([]);
    });

    it('of two concurrent appends at the same expected version, exactly one wins', async () => {
      const streamId = aStreamId();
      await append(streamId, 'no_stream', [anEvent(0)]);

      const outcomes = await Promise.allSettled([append(streamId, 1, [anEvent(101), anEvent(102)]), append(streamId, 1, [anEvent(201), anEvent(202)])]);

      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(WrongExpectedVersionError);
      expect(lost[0].reason).toMatchObject({ expected: 1, actual: 3 });
      const winner = won[0].value;
      expect((await store.readStream(streamId)).map((e) => e.data.n)).toEqual([0, ...winner.result.events.map((e) => e.data.n)]);
    });

    it('of sixteen concurrent creators of the same stream, exactly one wins', async () => {
      const streamId = aStreamId();

      const outcomes = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => append(streamId, 'no_stream', [anEvent(i)])));

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const reasons = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason);
      expect(reasons).toHaveLength(15);
      expect(reasons.every((r) => r instanceof WrongExpectedVersionError)).toBe(true);
      await expect(rawRows(streamId)).resolves.toHaveLength(1);
    });

    it("'any' appends at whatever version the stream is at", async () => {
      const streamId = aStreamId();
      await Promise.all(Array.from({ length: 8 }, (_, i) => append(streamId, 'any', [anEvent(i)])));

      const read = await store.readStream(streamId);
      expect(read.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(new Set(read.map((e) => e.data.n)).size).toBe(8);
    });
  });

  describe('idempotent appends', () => {
    const claim = (scope: string, fingerprint: string) => ({ scope, fingerprint });
    const appendOnce = (streamId: string, scope: string, fingerprint: string, n: number) =>
      store.append({
        streamId,
        expectedVersion: 'no_stream',
        events: [anEvent(n)],
        metadata: metadataFor(),
        idempotency: claim(scope, fingerprint),
        result: ({ position, streamVersion }) => ({ streamId, position, streamVersion }),
      });

    it('a retry with the same key and body replays the original result and writes nothing', async () => {
      const streamId = aStreamId();
      const scope = `alice:POST:/truces:${randomUUID()}`;

      const original = await appendOnce(streamId, scope, 'body-hash-1', 1);
      clock.advance(60_000);
      // The retry would fail its expected version if it were not answered from the key.
      const retry = await appendOnce(streamId, scope, 'body-hash-1', 1);

      expect(original.replayed).toBe(false);
      expect(retry).toEqual({ result: original.result, replayed: true });
      const rows = await rawRows(streamId);
      expect(rows).toHaveLength(1);
      expect(Number(rows[0].position)).toBe(original.result.position);
    });

    it('the same key with another body is refused and writes nothing', async () => {
      const streamId = aStreamId();
      const otherStream = aStreamId();
      const scope = `alice:POST:/truces:${randomUUID()}`;
      await appendOnce(streamId, scope, 'body-hash-1', 1);

      await expect(appendOnce(otherStream, scope, 'body-hash-2', 2)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);

      await expect(rawRows(otherStream)).resolves.toEqual([]);
      expect((await rawRows(streamId)).map((r) => r.data)).toEqual([{ n: 1 }]);
    });

    it('concurrent retries with one key write the events once; the others replay the same result', async () => {
      const streamId = aStreamId();
      const scope = `alice:POST:/truces:${randomUUID()}`;

      const outcomes = await Promise.all(
        Array.from({ length: 6 }, () =>
          store.append({
            streamId,
            expectedVersion: 'any',
            events: [anEvent(1)],
            metadata: metadataFor(),
            idempotency: claim(scope, 'same-body'),
            result: ({ position, streamVersion }) => ({ position, streamVersion }),
          }),
        ),
      );

      expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
      const original = outcomes.find((o) => !o.replayed)!.result;
      expect(outcomes.map((o) => o.result)).toEqual(Array(6).fill(original));
      await expect(rawRows(streamId)).resolves.toHaveLength(1);
    });

    it('a refused append does not use up its key: the corrected retry writes', async () => {
      const streamId = aStreamId();
      const scope = `alice:POST:/truces:${randomUUID()}`;
      await append(streamId, 'no_stream', [anEvent(0)]);

      await expect(appendOnce(streamId, scope, 'body', 1)).rejects.toBeInstanceOf(WrongExpectedVersionError);
      await expect(store.findIdempotent(scope)).resolves.toBeNull();
      const retry = await store.append({
        streamId,
        expectedVersion: 1,
        events: [anEvent(1)],
        metadata: metadataFor(),
        idempotency: claim(scope, 'body'),
        result: ({ position }) => ({ position }),
      });

      expect(retry.replayed).toBe(false);
      await expect(store.findIdempotent(scope)).resolves.toEqual({ fingerprint: 'body', result: retry.result });
      expect((await rawRows(streamId)).map((r) => r.data)).toEqual([{ n: 0 }, { n: 1 }]);
    });
  });

  describe('immutability at the database level', () => {
    let streamId: string;
    let before: EventRow[];

    beforeEach(async () => {
      streamId = aStreamId();
      await append(streamId, 'no_stream', [anEvent(1), anEvent(2)]);
      before = await rawRows(streamId);
    });

    it.each([
      ['UPDATE', `UPDATE events SET data = '{"n": 99}'::jsonb WHERE stream_id = $1`, true],
      ['UPDATE of every row', `UPDATE events SET recorded_at = recorded_at`, false],
      ['DELETE', `DELETE FROM events WHERE stream_id = $1`, true],
      ['DELETE of every row', `DELETE FROM events`, false],
      ['TRUNCATE', `TRUNCATE events`, false],
      ['TRUNCATE … CASCADE', `TRUNCATE TABLE events RESTART IDENTITY CASCADE`, false],
    ])('refuses %s and leaves the rows as they were', async (_label, sql, withStream) => {
      // As the owner: the trigger holds even for the role that owns the table.
      const error = await refusalOf(ownerDatabaseUrl(), sql, withStream ? [streamId] : []);

      expect(error).toBeInstanceOf(Error);
      expect(error).toMatchObject({ code: '23001', message: expect.stringMatching(/append-only: (UPDATE|DELETE|TRUNCATE) refused/) });
      await expect(rawRows(streamId)).resolves.toEqual(before);
    });
  });

  describe('hash chain', () => {
    it('stores hash = SHA-256(prev hash, canonical event); prevHash links to the previous event of the same stream', async () => {
      const streamId = aStreamId();
      const interleaved = aStreamId();
      await append(streamId, 'no_stream', [anEvent(1, { z: 1, a: { y: [1, 2], x: 0.1 } }), anEvent(2)]);
      clock.advance(1234);
      await append(interleaved, 'no_stream', [anEvent(10)]);
      clock.advance(1);
      await append(streamId, 2, [anEvent(3, { text: 'Ереван “quoted” \\ / \n', big: 1e21, neg: -12.5 })]);

      const rows = await rawRows(streamId);
      expect(rows).toHaveLength(3);
      expect(rows[0].prev_hash).toBeNull();
      expect(rows[1].prev_hash).toBe(rows[0].hash);
      expect(rows[2].prev_hash).toBe(rows[1].hash);
      const [other] = await rawRows(interleaved);
      expect(other.prev_hash).toBeNull();
      for (const [i, row] of rows.entries()) {
        expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
        const recomputed = eventHash(i === 0 ? null : rows[i - 1].hash, {
          streamId: row.stream_id,
          streamVersion: row.stream_version,
          type: row.type,
          schemaVersion: row.schema_version,
          data: row.data,
          metadata: row.metadata,
          recordedAt: row.recorded_at.toISOString(),
        });
        expect(row.hash).toBe(recomputed);
      }
    });

    it('changes the hash when any hashed field changes', async () => {
      const streamId = aStreamId();
      await append(streamId, 'no_stream', [anEvent(1)]);
      const [row] = await rawRows(streamId);
      const fields = {
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        type: row.type,
        schemaVersion: row.schema_version,
        data: row.data,
        metadata: row.metadata,
        recordedAt: row.recorded_at.toISOString(),
      };

      expect(eventHash(null, fields)).toBe(row.hash);
      expect(eventHash(null, { ...fields, data: { n: 2 } })).not.toBe(row.hash);
      expect(eventHash(null, { ...fields, recordedAt: '2020-10-10T12:00:00.001Z' })).not.toBe(row.hash);
      expect(eventHash(null, { ...fields, streamVersion: 2 })).not.toBe(row.hash);
      expect(eventHash(null, { ...fields, schemaVersion: 2 })).not.toBe(row.hash);
      expect(eventHash(null, { ...fields, type: 'SomethingElse' })).not.toBe(row.hash);
      expect(eventHash(null, { ...fields, streamId: `${row.stream_id}x` })).not.toBe(row.hash);
      expect(eventHash(null, { ...fields, metadata: { ...row.metadata, actor: 'mallory' } })).not.toBe(row.hash);
      expect(eventHash('0'.repeat(64), fields)).not.toBe(row.hash);
    });
  });

  describe('upcasting on read', () => {
    it('reads a stored BreachReported v1 (casualties: a number) as v2, and keeps v1 in the log', async () => {
      const incidentId = randomUUID();
      const streamId = incidentStreamId(incidentId);
      const { casualties: _v2, ...v2Data } = aBreachReported({ incidentId, truceId: randomUUID() }).data;
      const v1Data = { ...v2Data, casualties: 3 };

      await store.append({
        streamId,
        expectedVersion: 'no_stream',
        events: [{ type: 'BreachReported', schemaVersion: 1, data: v1Data }],
        metadata: metadataFor(),
        result: returnAppended,
      });

      const [current] = await store.readStream(streamId);
      const [stored] = await store.readStreamAsStored(streamId);
      expect(current.schemaVersion).toBe(2);
      expect(current.data).toEqual({
        ...v2Data,
        casualties: { killed: { civilian: 0, military: 0, unknown: 3 }, injured: { civilian: 0, military: 0, unknown: 0 } },
      });
      expect(stored.schemaVersion).toBe(1);
      expect(stored.data).toEqual(v1Data);
      expect(stored.hash).toBe(current.hash);
      // The hash covers what was stored, v1, not the upcast view.
      expect(eventHash(null, stored)).toBe(stored.hash);
      // readAll serves the log as stored.
      const [fromAll] = await store.readAll({ after: stored.position - 1, limit: 1, streamId });
      expect(fromAll).toEqual(stored);
      // The inline projection saw the upcast event.
      const [view] = await dataSource.query('SELECT state FROM incident_view WHERE incident_id = $1', [incidentId]);
      expect(view.state.casualties.killed.unknown).toBe(3);
    });
  });
});

describe('append preconditions on other streams', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('refuses an append whose decision read another stream at a version it is no longer at, and writes nothing', async () => {
    const { store } = aStore(dataSource);
    const [other, target] = [aStreamId('read'), aStreamId('written')];
    await store.append({ streamId: other, expectedVersion: 'no_stream', events: [anEvent(1)], metadata: metadataFor(), result: returnAppended });
    const ok = await store.append({
      streamId: target,
      expectedVersion: 'no_stream',
      events: [anEvent(2)],
      preconditions: [{ streamId: other, version: 1 }],
      metadata: metadataFor(),
      result: returnAppended,
    });
    expect(ok.result.streamVersion).toBe(1);

    await store.append({ streamId: other, expectedVersion: 1, events: [anEvent(3)], metadata: metadataFor(), result: returnAppended });
    const refused = store.append({
      streamId: target,
      expectedVersion: 1,
      events: [anEvent(4)],
      preconditions: [{ streamId: other, version: 1 }],
      metadata: metadataFor(),
      result: returnAppended,
    });
    await expect(refused).rejects.toMatchObject({ name: 'WrongExpectedVersionError', streamId: other, actual: 2 });
    expect(await store.readStream(target)).toHaveLength(1);
  });
});
