// The half of projection-replay.int-spec.ts that a monitoring mission adds: zones (folded into
// their truce's row) and observations (rows of their own). Random sequences of zone and
// observation commands on a fresh truce, decided by the production deciders and appended as the
// command handlers do; a rebuild must give back exactly the live rows, and each row must be the
// fold of its stream.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock';
import { DomainError } from '../../src/common/domain/domain-error';
import { Recorded } from '../../src/common/domain/domain-event';
import { EventStore } from '../../src/event-store/event-store.service';
import { NewEvent, RecordedEvent } from '../../src/event-store/event-store.types';
import { TIME_PRECISIONS } from '../../src/incidents/domain/value-objects';
import {
  ASSESSMENTS,
  decideObservation,
  foldObservation,
  OBSERVATION_KINDS,
  ObservationCommand,
  ObservationEvent,
  observationStreamId,
} from '../../src/observations/domain/observation';
import { RebuildService } from '../../src/projections/rebuild.service';
import { decideTruce, foldTruce, TruceEvent, truceStreamId } from '../../src/truces/domain/truce';
import { PolygonGeometry, Position } from '../../src/zones/domain/geometry';
import { decideZone, foldZoneDecisionState, ZONE_KINDS, ZoneCommand } from '../../src/zones/domain/zone';
import { aTruceAgreed, ARM, AZE, MINUTE, shift, truceCommand } from '../support/domain-builders';
import { aStore, metadataFor, returnAppended } from '../support/event-store-fixtures';
import { anObservationRecorded } from '../support/observation-builders';
import { openTestDataSource } from '../support/test-database';

const BASE = '2020-10-10T08:00:00.000Z';
/** Ids of zones a run may define, retire, or try to define twice (refused). */
const ZONE_IDS = ['kapan-area', 'lachin-corridor', 'buffer-1'];
/** `observation#k` is the k-th observation recorded so far (modulo how many there are). */
const anObservation = fc.nat(20).map((k) => `observation#${k}`);

/** A point near Kapan, and a square around one: zones and observations meet or miss at random. */
const lon = fc.double({ min: 46.3, max: 46.6, noNaN: true });
const lat = fc.double({ min: 39.1, max: 39.4, noNaN: true });
const square = fc.record({ lon, lat, half: fc.double({ min: 0.01, max: 0.2, noNaN: true }) }).map(({ lon: x, lat: y, half: h }): PolygonGeometry => {
  const corners: Position[] = [
    [x - h, y - h],
    [x + h, y - h],
    [x + h, y + h],
    [x - h, y + h],
    [x - h, y - h],
  ];
  return { type: 'Polygon', coordinates: [corners] };
});

type Step = { zone: ZoneCommand } | { observation: ObservationCommand };

const defineZone = fc
  .record({ zoneId: fc.constantFrom(...ZONE_IDS), kind: fc.constantFrom(...ZONE_KINDS), geometry: square, appliesToTruce: fc.boolean() })
  .map((zone): Step => ({ zone: { type: 'DefineZone', truceId: 'the-truce', data: { ...zone, name: zone.zoneId } } }));
const retireZone = fc
  .constantFrom(...ZONE_IDS)
  .map((zoneId): Step => ({ zone: { type: 'RetireZone', truceId: 'the-truce', data: { zoneId, reason: 'redrawn' } } }));
const recordObservation = fc
  .record({
    // RUS is no party of the truce, and a count of 0 is no count: both refused by the decider.
    origin: fc.constantFrom('undetermined', 'ARM', 'AZE', 'RUS'),
    count: fc.nat(5),
    kind: fc.constantFrom(...OBSERVATION_KINDS),
    assessment: fc.constantFrom(...ASSESSMENTS),
    fromMin: fc.integer({ min: -120, max: 24 * 60 }),
    precision: fc.constantFrom(...TIME_PRECISIONS),
    position: fc.record({ lon, lat }),
    estimated: fc.option(fc.record({ lon, lat }), { nil: null }),
  })
  .map(({ fromMin, precision, position, estimated, ...finding }): Step => {
    const { observationId, ...data } = anObservationRecorded({
      observationId: 'new-observation',
      truceId: 'the-truce',
      observedAt: { from: shift(BASE, fromMin * MINUTE), precision },
      position: { name: 'observation post', ...position, precision: 'exact' },
      estimatedLocation: estimated && { name: 'estimated impact', ...estimated, precision: 'near' },
      ...finding,
    }).data;
    return { observation: { type: 'RecordObservation', observationId, data } };
  });
const assess = fc
  .record({
    observationId: anObservation,
    origin: fc.option(fc.constantFrom('undetermined', 'ARM', 'AZE'), { nil: undefined }),
    assessment: fc.option(fc.constantFrom(...ASSESSMENTS), { nil: undefined }),
  })
  .map(({ observationId, origin, assessment }): Step => {
    const data = { ...(origin !== undefined ? { origin } : {}), ...(assessment !== undefined ? { assessment } : {}), by: 'OSCE SMM', note: null };
    return { observation: { type: 'AssessObservation', observationId, data } };
  });
const withdraw = anObservation.map((observationId): Step => ({
  observation: { type: 'WithdrawObservation', observationId, data: { by: 'OSCE SMM', reason: 'entered twice' } },
}));

const scenarioArb = fc.record({
  steps: fc.array(
    fc.oneof(
      { weight: 2, arbitrary: defineZone },
      { weight: 1, arbitrary: retireZone },
      { weight: 4, arbitrary: recordObservation },
      { weight: 2, arbitrary: assess },
      { weight: 1, arbitrary: withdraw },
    ),
    { minLength: 1, maxLength: 20 },
  ),
  clockSteps: fc.array(fc.nat(5 * MINUTE), { minLength: 1, maxLength: 5 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

interface Written {
  truceId: string;
  observationIds: string[];
  zoneEvents: number;
  rejected: number;
}

/** Agrees a truce, then decides each step on the state its stream holds and appends what is decided. */
async function runScenario(store: EventStore, clock: FixedClock, scenario: Scenario): Promise<Written> {
  const truceId = randomUUID();
  const streams = new Map<string, RecordedEvent[]>();
  const observationIds: string[] = [];
  let rejected = 0;
  let zoneEvents = 0;
  let tick = 0;
  const stream = (id: string) => streams.get(id) ?? [];

  async function append(streamId: string, events: NewEvent[]): Promise<void> {
    clock.advance(scenario.clockSteps[tick++ % scenario.clockSteps.length]);
    const before = stream(streamId);
    const expectedVersion = before.length ? before[before.length - 1].streamVersion : 'no_stream';
    const { result } = await store.append({ streamId, expectedVersion, events, metadata: metadataFor(), result: returnAppended });
    streams.set(streamId, [...before, ...result.events]);
  }

  const agreed = aTruceAgreed({ truceId, parties: [ARM, AZE], effectiveAt: BASE, endsAt: null }).data;
  await append(truceStreamId(truceId), decideTruce(truceCommand.agree(agreed), null));
  const facts = { truceId, parties: [ARM, AZE], effectiveAt: BASE, version: 1 };

  for (const step of scenario.steps) {
    try {
      if ('zone' in step) {
        const command = { ...step.zone, truceId };
        const events = decideZone(command, foldZoneDecisionState(stream(truceStreamId(truceId))));
        await append(truceStreamId(truceId), events);
        zoneEvents += events.length;
        continue;
      }
      const command = step.observation;
      if (command.type === 'RecordObservation') {
        const observationId = randomUUID();
        await append(
          observationStreamId(observationId),
          decideObservation({ ...command, observationId, data: { ...command.data, truceId } }, { observation: null, truce: facts }),
        );
        observationIds.push(observationId);
        continue;
      }
      if (!observationIds.length) continue;
      const observationId = observationIds[Number(command.observationId.split('#')[1]) % observationIds.length];
      const observation = foldObservation(stream(observationStreamId(observationId)) as Recorded<ObservationEvent>[]);
      await append(observationStreamId(observationId), decideObservation({ ...command, observationId }, { observation, truce: facts }));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      rejected += 1; // the domain refused: nothing is written
    }
  }
  return { truceId, observationIds, zoneEvents, rejected };
}

describe('read models of zones and observations: the live inline projection equals a rebuild from the log', () => {
  let dataSource: DataSource;
  let store: EventStore;
  let clock: FixedClock;
  let rebuild: RebuildService;

  beforeAll(async () => {
    Logger.overrideLogger(['error', 'warn']);
    dataSource = await openTestDataSource();
    let projector;
    ({ store, clock, projector } = aStore(dataSource));
    rebuild = new RebuildService(dataSource, store, projector);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  /** The truce's row (its state holds the zones) and its observations' rows, every column. */
  async function readModelOf(truceId: string) {
    const truce = await dataSource.query('SELECT * FROM truce_view WHERE truce_id = $1', [truceId]);
    const observations = await dataSource.query('SELECT * FROM observation_view WHERE truce_id = $1 ORDER BY position, observation_id', [truceId]);
    return { truce, observations };
  }

  const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

  it('for random zone and observation commands, rebuilding gives back exactly the live rows, each the fold of its stream', async () => {
    const reached = { rejected: 0, observations: 0, zoneEvents: 0, withdrawn: 0, assessed: 0 };
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        clock.set('2020-10-10T12:00:00.000Z');
        const written = await runScenario(store, clock, scenario);
        const live = await readModelOf(written.truceId);
        expect(live.truce).toHaveLength(1);
        expect(live.observations).toHaveLength(written.observationIds.length);

        await rebuild.rebuild();
        expect(await readModelOf(written.truceId)).toEqual(live);

        const truce = foldTruce((await store.readStream(truceStreamId(written.truceId))) as Recorded<TruceEvent>[]);
        expect(live.truce[0].state).toEqual(asJson(truce));
        const byId = new Map(live.observations.map((row: { observation_id: string }) => [row.observation_id, row]));
        for (const observationId of written.observationIds) {
          const fold = foldObservation((await store.readStream(observationStreamId(observationId))) as Recorded<ObservationEvent>[]);
          const row = byId.get(observationId) as { state: unknown; origin: string; assessment: string; withdrawn: boolean };
          expect(row.state).toEqual(asJson(fold));
          expect({ origin: row.origin, assessment: row.assessment, withdrawn: row.withdrawn }).toEqual({
            origin: fold!.origin,
            assessment: fold!.assessment,
            withdrawn: fold!.withdrawn !== null,
          });
          if (fold!.withdrawn) reached.withdrawn += 1;
          if (fold!.assessmentHistory.length) reached.assessed += 1;
        }
        reached.rejected += written.rejected;
        reached.observations += written.observationIds.length;
        reached.zoneEvents += written.zoneEvents;
      }),
      { numRuns: 20 },
    );
    // The generator reaches the interesting cases: refusals, zones, findings and withdrawals.
    for (const [what, count] of Object.entries(reached)) expect({ what, reached: count > 0 }).toEqual({ what, reached: true });
  }, 120_000);
});
