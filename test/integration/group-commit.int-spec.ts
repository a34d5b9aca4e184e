import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store.service';
import { AppendRequest, IdempotencyKeyReusedError, RecordedEvent, WrongExpectedVersionError } from '../../src/event-store/event-store.types';
import { InlineProjection } from '../../src/event-store/inline-projection';
import { SqlClient } from '../../src/event-store/sql-client';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { aStore, aStreamId, anEvent, metadataFor, returnAppended } from '../support/event-store-fixtures';
import { openTestDataSource } from '../support/test-database';

/**
 * Group commit (ADR 0003): the appends of one event-loop turn share one transaction, and each
 * keeps its own outcome. Here the batch is observed from inside — the projection sees each
 * transaction's events — so the tests know the requests really shared a transaction, and that a
 * transaction that failed as a whole was really retried request by request.
 */
describe('group commit: one transaction, an outcome each', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  /** Records the streams of every projection pass (one per transaction that wrote), failing on request. */
  class ObservedProjection implements InlineProjection {
    readonly transactions: string[][] = [];
    constructor(
      private readonly inner: InlineProjection,
      private readonly poisoned = new Set<string>(),
    ) {}

    async apply(sql: SqlClient, events: RecordedEvent[]): Promise<void> {
      this.transactions.push([...new Set(events.map((e) => e.streamId))]);
      const bad = events.find((e) => this.poisoned.has(e.streamId));
      // A value the database refuses, as a malformed row would be: the whole transaction fails.
      if (bad) await sql.query(`SELECT 'not a timestamp'::timestamptz`);
      await this.inner.apply(sql, events);
    }
  }

  const request = (streamId: string, expectedVersion: AppendRequest<unknown>['expectedVersion'], extra: Partial<AppendRequest<unknown>> = {}) => ({
    streamId,
    expectedVersion,
    events: [anEvent(1)],
    metadata: metadataFor(),
    result: returnAppended,
    ...extra,
  });

  async function rowsOf(streamId: string): Promise<number> {
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM events WHERE stream_id = $1', [streamId]);
    return n;
  }

  it('a batch mixing accepted and refused requests: one transaction, each request its own outcome', async () => {
    const projection = new ObservedProjection(new ReadModelProjector());
    const { store } = aStore(dataSource, { projection });
    const [fresh, existing, reused, repeated] = [aStreamId('ok'), aStreamId('conflict'), aStreamId('reused'), aStreamId('repeat')];
    await store.append(request(existing, 'no_stream'));
    await store.append(request(reused, 'no_stream', { idempotency: { scope: `scope-${reused}`, fingerprint: 'body-1' } }));
    projection.transactions.length = 0;

    // Issued in the same turn of the event loop: one batch.
    const outcomes = await Promise.allSettled([
      store.append(request(fresh, 'no_stream')),
      store.append(request(existing, 'no_stream')), // exists already: wrong expected version
      store.append(request(aStreamId('other'), 'no_stream', { idempotency: { scope: `scope-${reused}`, fingerprint: 'body-2' } })), // key reused, other body
      store.append(request(repeated, 'no_stream', { idempotency: { scope: `scope-${repeated}`, fingerprint: 'same' } })),
      store.append(request(repeated, 'no_stream', { idempotency: { scope: `scope-${repeated}`, fingerprint: 'same' } })), // a repeat within the batch
    ]);

    expect(projection.transactions).toHaveLength(1);
    expect(projection.transactions[0].sort()).toEqual([fresh, repeated].sort());
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { replayed: false } });
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedVersionError) });
    expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: expect.any(IdempotencyKeyReusedError) });
    expect(outcomes[3]).toMatchObject({ status: 'fulfilled', value: { replayed: false } });
    expect(outcomes[4]).toMatchObject({ status: 'fulfilled', value: { replayed: true } });
    expect([await rowsOf(fresh), await rowsOf(existing), await rowsOf(repeated)]).toEqual([1, 1, 1]);
  });

  it('a batch that fails as a whole is retried request by request: the bad one fails alone, the rest are written once', async () => {
    const poisoned = aStreamId('poisoned');
    const projection = new ObservedProjection(new ReadModelProjector(), new Set([poisoned]));
    const { store }: { store: EventStore } = aStore(dataSource, { projection });
    const good = [aStreamId('good'), aStreamId('good'), aStreamId('good')];

    const outcomes = await Promise.allSettled([
      store.append(request(good[0], 'no_stream')),
      store.append(request(poisoned, 'no_stream')),
      store.append(request(good[1], 'no_stream')),
      store.append(request(good[2], 'no_stream')),
    ]);

    // The shared transaction, then one each: the retry path was taken.
    expect(projection.transactions[0].sort()).toEqual([...good, poisoned].sort());
    expect(
      projection.transactions
        .slice(1)
        .map((streams) => streams[0])
        .sort(),
    ).toEqual([...good, poisoned].sort());
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const streamId of good) expect(await rowsOf(streamId)).toBe(1);
    expect(await rowsOf(poisoned)).toBe(0);
  });
});
