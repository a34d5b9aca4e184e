import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store.service';
import { NewEvent } from '../../src/event-store/event-store.types';
import { sqlClientOf } from '../../src/event-store/sql-client';
import { incidentStreamId } from '../../src/incidents/domain/incident';
import { observationStreamId } from '../../src/observations/domain/observation';
import { foldInWorkers } from '../../src/projections/fold-in-workers';
import { streamRanges } from '../../src/projections/stream-ordered-fold';
import { truceStreamId } from '../../src/truces/domain/truce';
import { aBreachDenied, aBreachReported, aTruceAgreed, aTruceSuspended, aVerificationChanged } from '../support/domain-builders';
import { aStore, metadataFor, returnAppended } from '../support/event-store-fixtures';
import { anObservationAssessed, anObservationRecorded } from '../support/observation-builders';
import { openTestDataSource } from '../support/test-database';

/**
 * The rebuild's worker threads (REBUILD_WORKERS > 1): the log cut into stream ranges, each folded
 * and COPYed by a thread of its own. Under Jest the threads compile the TypeScript sources
 * themselves, so this runs the threads' current code.
 */
describe('rebuild in worker threads', () => {
  let dataSource: DataSource;
  let store: EventStore;
  const truceId = randomUUID();

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    ({ store } = aStore(dataSource));
    const append = (streamId: string, events: NewEvent[]) =>
      store.append({ streamId, expectedVersion: 'no_stream', events, metadata: metadataFor(), result: returnAppended });
    await append(truceStreamId(truceId), [aTruceAgreed({ truceId }), aTruceSuspended()]);
    for (let i = 0; i < 120; i++) {
      const incidentId = randomUUID();
      await append(incidentStreamId(incidentId), [aBreachReported({ incidentId, truceId }), aBreachDenied(), aVerificationChanged('confirmed')]);
    }
    for (let i = 0; i < 40; i++) {
      const observationId = randomUUID();
      await append(observationStreamId(observationId), [anObservationRecorded({ observationId, truceId }), anObservationAssessed()]);
    }
  }, 120_000);

  afterAll(async () => {
    await dataSource?.query('DROP SCHEMA IF EXISTS rebuild_threads_spec CASCADE');
    await dataSource?.destroy();
  });

  /** Events of the log up to `head` in a range, and the streams they belong to. */
  async function inRange(head: number, from: string | null, to: string | null): Promise<{ events: number; streams: string[] }> {
    const rows: { stream_id: string; n: number }[] = await dataSource.query(
      `SELECT stream_id, count(*)::int AS n FROM events WHERE position <= $1 AND ($2::text IS NULL OR stream_id >= $2) AND ($3::text IS NULL OR stream_id < $3)
       GROUP BY stream_id`,
      [head, from, to],
    );
    return { events: rows.reduce((sum, r) => sum + r.n, 0), streams: rows.map((r) => r.stream_id) };
  }

  it('cuts the log into ranges of about as many events, every stream in exactly one', async () => {
    const head = await store.headPosition();
    const total: number = (await dataSource.query('SELECT count(*)::int AS n FROM events WHERE position <= $1', [head]))[0].n;
    const ranges = await streamRanges(sqlClientOf(dataSource.manager), head, 3);
    expect(ranges).toHaveLength(3);
    expect(ranges[0].from).toBeNull();
    expect(ranges[2].to).toBeNull();
    expect(ranges[1].from).toBe(ranges[0].to);
    expect(ranges[2].from).toBe(ranges[1].to);
    const parts = await Promise.all(ranges.map((r) => inRange(head, r.from, r.to)));
    expect(parts.reduce((sum, p) => sum + p.events, 0)).toBe(total);
    const streams = parts.flatMap((p) => p.streams);
    expect(new Set(streams).size).toBe(streams.length);
    for (const part of parts) expect(part.events).toBeGreaterThan(total / 6);
  });

  it('makes no more ranges than there are streams to cut at', async () => {
    const [{ position }] = await dataSource.query(`SELECT min(position)::int AS position FROM events WHERE stream_id LIKE 'truce-%'`);
    // Up to the truce's first event: one stream, one event — nothing to cut.
    expect(await streamRanges(sqlClientOf(dataSource.manager), position, 4)).toEqual([{ from: null, to: null }]);
  });

  it('folds each range in a thread into the scratch tables: the rows the live projection wrote, the truce events handed back', async () => {
    const head = await store.headPosition();
    const schema = 'rebuild_threads_spec';
    await dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await dataSource.query(`CREATE SCHEMA ${schema}`);
    for (const table of ['incident_view', 'observation_view']) await dataSource.query(`CREATE TABLE ${schema}.${table} (LIKE public.${table} INCLUDING ALL)`);
    const options = dataSource.options as { url: string };
    let folded = 0;
    const ranges = await streamRanges(sqlClientOf(dataSource.manager), head, 2);
    const others = await foldInWorkers({ connection: { connectionString: options.url }, schema, head, pageSize: 50 }, ranges, (n) => (folded += n));

    expect(folded).toBe((await dataSource.query('SELECT count(*)::int AS n FROM events WHERE position <= $1', [head]))[0].n);
    // Back come the events of every other stream (this file's truce and earlier files'), each stream's in order.
    const notCopied: { position: string }[] = await dataSource.query(
      `SELECT position FROM events WHERE position <= $1 AND stream_id NOT LIKE 'incident-%' AND stream_id NOT LIKE 'observation-%' ORDER BY stream_id, stream_version`,
      [head],
    );
    const back = others.flat();
    expect(back.map((e) => e.position).sort((a, b) => a - b)).toEqual(notCopied.map((r) => Number(r.position)).sort((a, b) => a - b));
    expect(back.filter((e) => e.streamId === truceStreamId(truceId)).map((e) => e.type)).toEqual(['TruceAgreed', 'TruceSuspended']);
    for (const stream of new Set(back.map((e) => e.streamId))) {
      const versions = back.filter((e) => e.streamId === stream).map((e) => e.streamVersion);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
    for (const [table, key] of [
      ['incident_view', 'incident_id'],
      ['observation_view', 'observation_id'],
    ]) {
      const rows = (from: string) => dataSource.query(`SELECT string_agg(t::text, E'\\n' ORDER BY ${key}) AS text, count(*)::int AS n FROM ${from} t`);
      const [live] = await rows(`public.${table}`);
      const [rebuilt] = await rows(`${schema}.${table}`);
      expect(rebuilt.n).toBeGreaterThan(0);
      expect(rebuilt).toEqual(live);
    }
  }, 60_000);

  it('fails, and stops, when a thread cannot write its rows', async () => {
    // No such schema: the tables resolve to public's, whose keys the rows already hold.
    const head = await store.headPosition();
    const options = dataSource.options as { url: string };
    const ranges = await streamRanges(sqlClientOf(dataSource.manager), head, 2);
    await expect(
      foldInWorkers({ connection: { connectionString: options.url }, schema: 'no_such_schema', head, pageSize: 50 }, ranges, () => undefined),
    ).rejects.toThrow(/incident_view|observation_view/);
  }, 60_000);
});
