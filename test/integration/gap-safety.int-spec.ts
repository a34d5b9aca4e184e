import { DataSource } from 'typeorm';
import { APPEND_LOCK_KEY } from '../../src/event-store/append-lock';
import { EventStore } from '../../src/event-store/event-store.service';
import { RecordedEvent } from '../../src/event-store/event-store.types';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { aStore, aStreamId, anEvent, eventually, GatedProjection, metadataFor, returnAppended, sleep, track } from '../support/event-store-fixtures';
import { openTestDataSource } from '../support/test-database';

/**
 * ARCHITECTURE.md, "Gap-free reading in commit order": a reader paging by `position > last`
 * must never pass an event whose transaction commits late. The log is shared with other test
 * files, so every assertion is about this file's own streams or positions.
 */
describe('gap-free reading in commit order', () => {
  let dataSource: DataSource;
  /** A second pool for readers, so they never queue behind the writers for a connection. */
  let readerSource: DataSource;
  let store: EventStore;
  let reader: EventStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    readerSource = await openTestDataSource();
    ({ store } = aStore(dataSource));
    ({ store: reader } = aStore(readerSource));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await readerSource?.destroy();
  });

  /** Every event after `after`, paged the way a subscriber pages GET /events. */
  async function readAllAfter(after: number, limit = 50): Promise<RecordedEvent[]> {
    const seen: RecordedEvent[] = [];
    for (let cursor = after; ;) {
      const page = await reader.readAll({ after: cursor, limit });
      seen.push(...page);
      if (page.length < limit) return seen;
      cursor = page[page.length - 1].position;
    }
  }

  const waitersOnAppendLock = async (): Promise<number> => {
    const [row] = await readerSource.query(
      `SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ((classid::bigint << 32) | objid::bigint) = $1 AND objsubid = 1`,
      [APPEND_LOCK_KEY],
    );
    return row.n;
  };

  it('an append held open inside its transaction keeps every later append, and every reader, behind it', async () => {
    const gated = new GatedProjection(new ReadModelProjector());
    const { store: heldStore } = aStore(dataSource, { projection: gated });
    const [streamA, streamB, streamC, streamP] = [aStreamId('held'), aStreamId('later-b'), aStreamId('later-c'), aStreamId('prior')];
    const ours = new Set([streamA, streamB, streamC]);

    // P commits before A starts: readers must see it throughout.
    const prior = (
      await store.append({ streamId: streamP, expectedVersion: 'no_stream', events: [anEvent(0)], metadata: metadataFor(), result: returnAppended })
    ).result;
    const start = prior.position - 1;

    const gate = gated.hold(streamA);
    const a = track(
      heldStore.append({ streamId: streamA, expectedVersion: 'no_stream', events: [anEvent(1), anEvent(2)], metadata: metadataFor(), result: returnAppended }),
    );
    // A has its positions and holds the lock, uncommitted.
    const heldEvents = await gate.entered;
    const heldPosition = heldEvents[0].position;
    expect(heldPosition).toBeGreaterThan(prior.position);

    // B and C come from two other instances (stores of their own), as under a load balancer.
    const [otherB, otherC] = [aStore(dataSource).store, aStore(dataSource).store];
    const b = track(otherB.append({ streamId: streamB, expectedVersion: 'no_stream', events: [anEvent(3)], metadata: metadataFor(), result: returnAppended }));
    const c = track(
      otherC.append({ streamId: streamC, expectedVersion: 'no_stream', events: [anEvent(4), anEvent(5)], metadata: metadataFor(), result: returnAppended }),
    );
    // Either B and C queue on the lock, or (were the lock missing) one of them commits past A.
    await eventually(async () => b.settled() || c.settled() || (await waitersOnAppendLock()) >= 2, 'B and C to queue on the append lock');
    await sleep(100);
    expect(a.settled()).toBe(false);
    expect(b.settled()).toBe(false);
    expect(c.settled()).toBe(false);

    // A reader that pages now sees P and nothing at or past A's position.
    const duringHold = await readAllAfter(start);
    expect(duringHold.map((e) => e.streamId)).toContain(streamP);
    expect(duringHold.filter((e) => ours.has(e.streamId))).toEqual([]);
    expect(duringHold.every((e) => e.position < heldPosition)).toBe(true);
    await expect(reader.readStream(streamA)).resolves.toEqual([]);
    const cursor = duringHold[duringHold.length - 1].position;

    gate.release();
    const [resultA, resultB, resultC] = await Promise.all([a.promise, b.promise, c.promise]);

    const positionsA = resultA.result.events.map((e) => e.position);
    const positionsB = resultB.result.events.map((e) => e.position);
    const positionsC = resultC.result.events.map((e) => e.position);
    expect(positionsA).toEqual(heldEvents.map((e) => e.position));
    expect(Math.max(...positionsA)).toBeLessThan(Math.min(...positionsB, ...positionsC));

    // The reader resumes from where it stopped during the hold and misses nothing.
    const resumed = (await readAllAfter(cursor)).filter((e) => ours.has(e.streamId));
    const expected = [...positionsA, ...positionsB, ...positionsC].sort((x, y) => x - y);
    expect(resumed.map((e) => e.position)).toEqual(expected);
    expect(resumed.slice(0, 2).map((e) => e.streamId)).toEqual([streamA, streamA]);
    // And a reader starting from before A sees each of A, B and C's events exactly once, in order.
    const fromStart = (await readAllAfter(start, 7)).filter((e) => ours.has(e.streamId));
    expect(fromStart.map((e) => e.position)).toEqual(expected);
  });

  it('a reader paging concurrently with 32 writers sees exactly the positions the writers got, each once', async () => {
    const WRITERS = 32;
    const APPENDS_PER_WRITER = 25;
    // 1 or 3 events per append: 32 × 25 × 2 on average = 1600 events.
    const eventsFor = (w: number, i: number) => Array.from({ length: (w + i) % 2 === 0 ? 1 : 3 }, (_, k) => anEvent(i * 10 + k));
    const streams = Array.from({ length: WRITERS }, (_, w) => aStreamId(`writer-${w}`));
    const ours = new Set(streams);

    const expectedCount = streams.reduce(
      (n, _, w) => n + Array.from({ length: APPENDS_PER_WRITER }, (__, i) => eventsFor(w, i).length).reduce((x, y) => x + y),
      0,
    );
    expect(expectedCount).toBeLessThanOrEqual(2000);

    const start = await reader.headPosition();
    let writersDone = false;
    const written: number[] = [];
    let lastWritten = start;

    const writers = Promise.all(
      streams.map(async (streamId, w) => {
        for (let i = 0; i < APPENDS_PER_WRITER; i++) {
          const { result } = await store.append({
            streamId,
            expectedVersion: i === 0 ? 'no_stream' : 'any',
            events: eventsFor(w, i),
            metadata: metadataFor(`writer-${w}`),
            result: returnAppended,
          });
          written.push(...result.events.map((e) => e.position));
          lastWritten = Math.max(lastWritten, result.position);
        }
      }),
    ).finally(() => (writersDone = true));

    const seen: number[] = [];
    let backwards = 0;
    const reading = (async () => {
      let cursor = start;
      let seenWhileWriting = 0;
      // Done once the writers are done and the cursor has reached the last position they got:
      // anything not seen by then was skipped for good.
      while (!(writersDone && cursor >= lastWritten)) {
        const page = await reader.readAll({ after: cursor, limit: 37 });
        for (const event of page) {
          if (event.position <= cursor) backwards += 1;
          if (ours.has(event.streamId)) {
            seen.push(event.position);
            if (!writersDone) seenWhileWriting += 1;
          }
        }
        if (page.length) cursor = page[page.length - 1].position;
        else await sleep(2);
      }
      return seenWhileWriting;
    })();

    const [, seenWhileWriting] = await Promise.all([writers, reading]);

    expect(written).toHaveLength(expectedCount);
    expect(new Set(written).size).toBe(written.length);
    expect(backwards).toBe(0);
    expect(seen).toHaveLength(new Set(seen).size);
    expect([...seen].sort((x, y) => x - y)).toEqual([...written].sort((x, y) => x - y));
    // The reader really ran alongside the writers, not just after them.
    expect(seenWhileWriting).toBeGreaterThan(0);
    // Each stream reads back gap-free, versions 1..n.
    for (const streamId of streams.slice(0, 4)) {
      const events = await reader.readStream(streamId);
      expect(events.map((e) => e.streamVersion)).toEqual(events.map((_, i) => i + 1));
    }
  });
});
