import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventStore } from '../../src/event-store/event-store.service';
import { NewEvent, RecordedEvent } from '../../src/event-store/event-store.types';
import { incidentStreamId } from '../../src/incidents/domain/incident';
import { observationStreamId } from '../../src/observations/domain/observation';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { RebuildService } from '../../src/projections/rebuild.service';
import { truceStreamId } from '../../src/truces/domain/truce';
import {
  aBreachDenied,
  aBreachReported,
  aTruceAgreed,
  aTruceResumed,
  aTruceSuspended,
  aVerificationChanged,
  EFFECTIVE_AT,
  MINUTE,
  shift,
} from '../support/domain-builders';
import { aStore, metadataFor, returnAppended } from '../support/event-store-fixtures';
import { anObservationAssessed, anObservationRecorded, anObservationWithdrawn } from '../support/observation-builders';
import { openTestDataSource } from '../support/test-database';

/**
 * A rebuild folds the streams in partitions on several connections at once: whatever the number
 * of partitions, and with writes arriving while it runs, it must leave every read-model row
 * exactly as a one-partition rebuild does.
 */

type Stream = { streamId: string; events: NewEvent[] };

/** A truce with its incidents and observations, every stream several events long. */
function aTruceWithItsStreams(incidents: number, observations: number): Stream[] {
  const truceId = randomUUID();
  const streams: Stream[] = [
    { streamId: truceStreamId(truceId), events: [aTruceAgreed({ truceId }), aTruceSuspended({ at: shift(EFFECTIVE_AT, 3 * MINUTE) })] },
  ];
  for (let i = 0; i < incidents; i++) {
    const incidentId = randomUUID();
    streams.push({
      streamId: incidentStreamId(incidentId),
      events: [
        aBreachReported({ incidentId, truceId, occurredAt: { from: shift(EFFECTIVE_AT, (i % 50) * MINUTE), precision: 'minute' } }),
        aBreachDenied(),
        aVerificationChanged(i % 2 ? 'corroborated' : 'inconclusive'),
        ...(i % 3 ? [aVerificationChanged('confirmed')] : []),
      ],
    });
  }
  for (let i = 0; i < observations; i++) {
    const observationId = randomUUID();
    streams.push({
      streamId: observationStreamId(observationId),
      events: [anObservationRecorded({ observationId, truceId }), anObservationAssessed(), ...(i % 4 ? [] : [anObservationWithdrawn()])],
    });
  }
  return streams;
}

/**
 * Appends the streams' events round by round — every stream's first event, then every second
 * one… — so that each stream is spread across the log, over many of the rebuild's batches.
 */
async function appendInterleaved(store: EventStore, streams: Stream[]): Promise<void> {
  const longest = Math.max(...streams.map((s) => s.events.length));
  for (let round = 0; round < longest; round++) {
    const due = streams.filter((s) => round < s.events.length);
    for (let i = 0; i < due.length; i += 50) {
      await Promise.all(
        due.slice(i, i + 50).map((s) =>
          store.append({
            streamId: s.streamId,
            expectedVersion: round === 0 ? 'no_stream' : round,
            events: [s.events[round]],
            metadata: metadataFor(),
            result: returnAppended,
          }),
        ),
      );
    }
  }
}

describe('parallel rebuild: any number of partitions gives the same read models', () => {
  let dataSource: DataSource;
  let store: EventStore;
  let projector: ReadModelProjector;

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    dataSource = await openTestDataSource();
    ({ store, projector } = aStore(dataSource));
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  /** Every row of every read model, as PostgreSQL prints it, in key order: equal text, equal bytes. */
  async function readModels(): Promise<string> {
    const tables = [
      ['truce_view', 'truce_id'],
      ['incident_view', 'incident_id'],
      ['observation_view', 'observation_id'],
    ];
    const texts: string[] = [];
    for (const [table, key] of tables) {
      const [{ rows, text }] = await dataSource.query(
        `SELECT count(*)::int AS rows, coalesce(string_agg(t::text, E'\\n' ORDER BY ${key}), '') AS text FROM ${table} t`,
      );
      texts.push(`${table} (${rows} rows)\n${text}`);
    }
    return texts.join('\n');
  }

  it('N = 4 with writes arriving mid-rebuild and N = 1 agree byte for byte', async () => {
    // Over 3,000 events: the rebuild's batches (2,000) and each partition's chunks cut through streams.
    const before = Array.from({ length: 8 }, () => aTruceWithItsStreams(60, 40)).flat();
    await appendInterleaved(store, before);
    const fresh = aTruceWithItsStreams(20, 10);
    const continued = before.slice(0, 30);

    // The writes arrive while the partitions fold: on the first chunk folded, new streams and
    // events on streams the rebuild has already started on are appended (and committed) first.
    let writes: Promise<void> | null = null;
    const writingMidway = {
      async apply(sql: Parameters<ReadModelProjector['apply']>[0], events: RecordedEvent[]) {
        writes ??= appendMidway(store, fresh, continued);
        await writes;
        await projector.apply(sql, events);
      },
    };
    const parallel = await new RebuildService(dataSource, store, writingMidway).rebuild(undefined, 4);
    expect(writes).not.toBeNull();
    const afterParallel = await readModels();
    const total: number = (await dataSource.query('SELECT count(*)::int AS n FROM events'))[0].n;
    expect(parallel.events).toBe(total);

    const sequential = await new RebuildService(dataSource, store, projector).rebuild(undefined, 1);
    expect(sequential.events).toBe(total);
    const afterSequential = await readModels();
    expect(afterSequential).toBe(afterParallel);

    // Rebuilding again in parallel with nothing new changes nothing either.
    await new RebuildService(dataSource, store, projector).rebuild(undefined, 4);
    expect(await readModels()).toBe(afterSequential);

    // The streams written mid-rebuild are in the result, with their latest version.
    const truceRows: { version: number }[] = await dataSource.query('SELECT version FROM truce_view WHERE truce_id = ANY($1::uuid[])', [
      fresh.filter((s) => s.streamId.startsWith('truce-')).map((s) => s.streamId.slice('truce-'.length)),
    ]);
    expect(truceRows).toEqual([{ version: 2 }]);
    const touched: { version: number }[] = await dataSource.query('SELECT version FROM truce_view WHERE truce_id = $1', [
      before[0].streamId.slice('truce-'.length),
    ]);
    expect(touched).toEqual([{ version: 3 }]);
  }, 180_000);
});

/** New streams, and one more event on streams already in the log (a suspension on truces, a finding on the rest). */
async function appendMidway(store: EventStore, fresh: Stream[], existing: Stream[]): Promise<void> {
  await appendInterleaved(store, fresh);
  for (const s of existing) {
    const event = s.streamId.startsWith('truce-')
      ? aTruceResumed({ at: shift(EFFECTIVE_AT, 9 * MINUTE) })
      : s.streamId.startsWith('incident-')
        ? aVerificationChanged('confirmed', { note: 'mid-rebuild' })
        : anObservationAssessed({ note: 'mid-rebuild' });
    await store.append({ streamId: s.streamId, expectedVersion: s.events.length, events: [event], metadata: metadataFor(), result: returnAppended });
  }
}
