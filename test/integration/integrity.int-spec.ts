import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store.service';
import { RecordedEvent } from '../../src/event-store/event-store.types';
import { eventHash } from '../../src/event-store/hash-chain';
import { IntegrityService } from '../../src/event-store/integrity.service';
import { aStore, aStreamId, anEvent, createScratchDatabase, metadataFor, refusalOf, returnAppended, ScratchDatabase } from '../support/event-store-fixtures';
import { openTestDataSource } from '../support/test-database';

/**
 * Tampering breaks the log for good (that is the point of the chain), so these tests run in a
 * database of their own, created and migrated here and dropped afterwards; the shared test
 * database is only ever read.
 */
describe('IntegrityService.check() (GET /integrity)', () => {
  let scratch: ScratchDatabase;
  let store: EventStore;
  let integrity: IntegrityService;

  beforeAll(async () => {
    scratch = await createScratchDatabase('tamper');
    ({ store } = aStore(scratch.dataSource));
    integrity = new IntegrityService(scratch.dataSource);
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  const append = (streamId: string, expectedVersion: number | 'no_stream', n: number[]) =>
    store.append({ streamId, expectedVersion, events: n.map((i) => anEvent(i)), metadata: metadataFor(), result: returnAppended });

  it('on an empty log: ok, nothing checked', async () => {
    const report = await integrity.check();

    expect(report).toMatchObject({ ok: true, checkedEvents: 0, headPosition: 0 });
    expect(report.firstBroken).toBeUndefined();
  });

  describe('on an untampered log', () => {
    const streams = [aStreamId('alpha'), aStreamId('beta'), aStreamId('gamma')];

    beforeAll(async () => {
      // Interleaved streams, several appends each, some of several events.
      await append(streams[0], 'no_stream', [1, 2]);
      await append(streams[1], 'no_stream', [1]);
      await append(streams[0], 2, [3]);
      await append(streams[2], 'no_stream', [1, 2, 3]);
      await append(streams[1], 1, [2, 3]);
    });

    it('is ok and checks every event', async () => {
      const head = await store.headPosition();

      const report = await integrity.check();

      expect(report.ok).toBe(true);
      expect(report.firstBroken).toBeUndefined();
      expect(report.checkedEvents).toBe(9);
      expect(report.headPosition).toBe(head);
      expect(report.digest).toMatch(/^[0-9a-f]{64}$/);
    });

    it('gives the same digest twice when nothing was written in between', async () => {
      const { fullCheckAt: _a, ...first } = await integrity.check();
      const { fullCheckAt: _b, ...second } = await integrity.check();

      expect(second).toEqual(first);
    });

    it('gives another digest after an append, and still checks out', async () => {
      const before = await integrity.check();
      const { result } = await append(aStreamId('delta'), 'no_stream', [1]);

      const after = await integrity.check();

      expect(after.ok).toBe(true);
      expect(after.digest).not.toBe(before.digest);
      expect(after.headPosition).toBe(result.position);
      expect(after.checkedEvents).toBe(before.checkedEvents + 1);
    });
  });

  describe('after tampering by a superuser who disables the trigger', () => {
    let victimPosition: number;
    let cleanDigest: string;

    beforeAll(async () => {
      const streamId = aStreamId('victim');
      const first = await append(streamId, 'no_stream', [1, 2]);
      await append(streamId, 2, [3]);
      await append(aStreamId('bystander'), 'no_stream', [1]);
      victimPosition = first.result.events[1].position;
      cleanDigest = (await integrity.check()).digest;

      await scratch.dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE events DISABLE TRIGGER events_append_only_rows');
        await manager.query(`UPDATE events SET data = jsonb_set(data, '{n}', '200') WHERE position = $1`, [victimPosition]);
        await manager.query('ALTER TABLE events ENABLE TRIGGER events_append_only_rows');
      });
    });

    it('the edit did land (the test tampered for real) and the trigger is back on', async () => {
      const [row] = await scratch.dataSource.query('SELECT data FROM events WHERE position = $1', [victimPosition]);
      expect(row.data).toEqual({ n: 200 });
      const refusal = await refusalOf(scratch.url, 'UPDATE events SET data = data WHERE position = $1', [victimPosition]);
      expect(refusal).toMatchObject({ code: '23001', message: expect.stringMatching(/append-only/) });
    });

    it('reports ok: false with firstBroken at the edited event', async () => {
      const report = await integrity.check();

      expect(report.ok).toBe(false);
      expect(report.firstBroken).toBe(victimPosition);
    });

    it('the digest alone does not see a data edit (it covers positions and hashes), the chain does', async () => {
      const report = await integrity.check();

      expect(report.digest).toBe(cleanDigest);
      expect(report.ok).toBe(false);
    });

    it('a later tampering with an earlier event moves firstBroken down to it', async () => {
      const [{ position: earliest }] = await scratch.dataSource.query('SELECT MIN(position)::int AS position FROM events');
      expect(earliest).toBeLessThan(victimPosition);
      await scratch.dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE events DISABLE TRIGGER events_append_only_rows');
        await manager.query(`UPDATE events SET metadata = jsonb_set(metadata, '{actor}', '"mallory"') WHERE position = $1`, [earliest]);
        await manager.query('ALTER TABLE events ENABLE TRIGGER events_append_only_rows');
      });

      const report = await integrity.check();

      expect(report.ok).toBe(false);
      expect(report.firstBroken).toBe(earliest);
    });
  });
});

describe('IntegrityService.check() on the shared test database', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('finds the log written by the whole run so far intact', async () => {
    const { store } = aStore(dataSource);
    await store.append({ streamId: aStreamId(), expectedVersion: 'no_stream', events: [anEvent(1)], metadata: metadataFor(), result: returnAppended });

    const report = await new IntegrityService(dataSource).check();

    expect(report.ok).toBe(true);
    expect(report.firstBroken).toBeUndefined();
    expect(report.checkedEvents).toBeGreaterThan(0);
  });
});

describe('IntegrityService.check() across its read batches (5000 rows)', () => {
  let scratch: ScratchDatabase;
  let store: EventStore;
  let integrity: IntegrityService;

  beforeAll(async () => {
    scratch = await createScratchDatabase('tamperbig');
    ({ store } = aStore(scratch.dataSource));
    integrity = new IntegrityService(scratch.dataSource);
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  it('follows a chain that spans the batch boundary and finds an edit in the second batch', async () => {
    const long = aStreamId('long');
    const short = aStreamId('short');
    await store.append({ streamId: short, expectedVersion: 'no_stream', events: [anEvent(0)], metadata: metadataFor(), result: returnAppended });
    let last: RecordedEvent[] = [];
    for (let i = 0; i < 53; i++) {
      const { result } = await store.append({
        streamId: long,
        expectedVersion: i * 100,
        events: Array.from({ length: 100 }, (_, k) => anEvent(i * 100 + k)),
        metadata: metadataFor(),
        result: returnAppended,
      });
      last = result.events;
    }

    const clean = await integrity.check();
    expect(clean).toMatchObject({ ok: true, checkedEvents: 5301 });

    const victim = last[50]; // version 5251: in the second batch of the stream-ordered pass
    await scratch.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE events DISABLE TRIGGER events_append_only_rows');
      await manager.query(`UPDATE events SET data = '{"n": -1}'::jsonb WHERE position = $1`, [victim.position]);
      await manager.query('ALTER TABLE events ENABLE TRIGGER events_append_only_rows');
    });

    const tampered = await integrity.check();
    expect(tampered).toMatchObject({ ok: false, firstBroken: victim.position, checkedEvents: 5301 });
  });
});

/**
 * Known bug (src/event-store/canonical-json.ts with event-store.service.ts append): the hash is
 * computed by canonicalJson over the caller's objects, but the row stores JSON.stringify of
 * them. Where the two disagree — a value with toJSON (a Date), a hole in an array — the stored
 * hash is not the hash of the stored event, and /integrity reports an untampered log as broken.
 * In its own database, so the shared log stays verifiable for the rest of the run.
 */
describe('IntegrityService.check() on events whose data JSON.stringify transforms', () => {
  let scratch: ScratchDatabase;
  let store: EventStore;
  let integrity: IntegrityService;

  beforeAll(async () => {
    scratch = await createScratchDatabase('tojson');
    ({ store } = aStore(scratch.dataSource));
    integrity = new IntegrityService(scratch.dataSource);
  });

  afterAll(async () => {
    await scratch?.drop();
  });

  it.each([
    ['a Date (toJSON)', { at: new Date('2020-10-10T08:10:00.000Z') }],
    // eslint-disable-next-line no-sparse-arrays
    ['an array with a hole', { list: [1, , 3] }],
  ])('an untampered event holding %s verifies', async (_label, data) => {
    const streamId = aStreamId();
    const { result } = await store.append({
      streamId,
      expectedVersion: 'no_stream',
      events: [{ type: 'SomethingHappened', schemaVersion: 1, data }],
      metadata: metadataFor(),
      result: returnAppended,
    });
    const [stored] = await store.readStreamAsStored(streamId);

    expect(stored.data).toEqual(JSON.parse(JSON.stringify(data)));
    expect(eventHash(null, stored)).toBe(stored.hash);
    const report = await integrity.check();
    expect(report.firstBroken).toBeUndefined();
    expect(report.ok).toBe(true);
    expect(result.position).toBe(stored.position);
  });
});

describe('IntegrityService.latest() (what GET /integrity answers): incremental, shared', () => {
  let scratch: ScratchDatabase;
  let store: EventStore;

  beforeAll(async () => {
    scratch = await createScratchDatabase('incremental');
    ({ store } = aStore(scratch.dataSource));
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  const append = (streamId: string, expectedVersion: number | 'no_stream', n: number[]) =>
    store.append({ streamId, expectedVersion, events: n.map((i) => anEvent(i)), metadata: metadataFor(), result: returnAppended });
  const withoutTime = ({ fullCheckAt: _, ...rest }: { fullCheckAt: string }) => rest;

  it('answers what a full check answers, checking only what was appended since its last answer', async () => {
    const integrity = new IntegrityService(scratch.dataSource);
    const [a, b] = [aStreamId('inc-a'), aStreamId('inc-b')];
    await append(a, 'no_stream', [1, 2]);
    const first = await integrity.latest();
    // Later events whose predecessors were checked in an earlier round.
    await append(b, 'no_stream', [1]);
    await append(a, 2, [3, 4]);
    await append(b, 1, [2]);

    const statements: string[] = [];
    const query = scratch.dataSource.query.bind(scratch.dataSource);
    const spy = jest.spyOn(scratch.dataSource, 'query').mockImplementation((sql: string, params?: any) => {
      statements.push(sql);
      return query(sql, params);
    });
    const later = await integrity.latest();
    spy.mockRestore();

    expect(withoutTime(later)).toEqual(withoutTime(await new IntegrityService(scratch.dataSource).check()));
    expect(later.checkedEvents).toBe(first.checkedEvents + 4);
    expect(later.fullCheckAt).toBe(first.fullCheckAt);
    // Only the new events were read: one page, from where the first answer ended.
    const pages = statements.filter((s) => s.includes('LEFT JOIN events p'));
    expect(pages).toHaveLength(1);
  });

  it('sees a broken link in events appended after its last answer', async () => {
    const integrity = new IntegrityService(scratch.dataSource);
    await integrity.latest();
    const streamId = aStreamId('inc-victim');
    await append(streamId, 'no_stream', [1]);
    const { result } = await append(streamId, 1, [2]);
    await scratch.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE events DISABLE TRIGGER events_append_only_rows');
      await manager.query(`UPDATE events SET data = '{"n": 99}' WHERE position = $1`, [result.position]);
      await manager.query('ALTER TABLE events ENABLE TRIGGER events_append_only_rows');
    });

    const report = await integrity.latest();

    expect(report).toMatchObject({ ok: false, firstBroken: result.position });
  });

  it('concurrent callers share one computation', async () => {
    const integrity = new IntegrityService(scratch.dataSource);
    const spy = jest.spyOn(integrity, 'check');
    const reports = await Promise.all(Array.from({ length: 8 }, () => integrity.latest()));

    expect(spy).toHaveBeenCalledTimes(1);
    expect(new Set(reports.map((r) => r.digest)).size).toBe(1);
  });
});
