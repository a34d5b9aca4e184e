import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock';
import { DomainError } from '../../src/common/domain/domain-error';
import { EventStore } from '../../src/event-store/event-store.service';
import { NewEvent, RecordedEvent } from '../../src/event-store/event-store.types';
import { foldIncident } from '../../src/incidents/application/incident-loader';
import {
  changeVerification,
  denyBreach,
  determineAttribution,
  IncidentState,
  reportBreach,
  retractReport,
  reviseCasualties,
} from '../../src/incidents/domain/incident';
import {
  CHARACTERIZATIONS,
  incidentStreamId,
  NOT_ATTRIBUTABLE,
  REPORTER_TYPES,
  VERIFICATION_STATUSES,
} from '../../src/incidents/domain/incident.events';
import { Casualties, Figure, TIME_PRECISIONS, TimeSpec } from '../../src/incidents/domain/value-objects';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { RebuildService } from '../../src/projections/rebuild.service';
import { foldTruce } from '../../src/truces/application/truce-loader';
import {
  aBreachDenied,
  aBreachReported,
  aCasualtiesRevised,
  aMilestoneRecorded,
  anAttributionDetermined,
  anEffectiveTimeRevised,
  aReportRetracted,
  aTruceAgreed,
  aTruceCollapsed,
  aTruceEnded,
  aTruceResumed,
  aTruceSuspended,
  aVerificationChanged,
  ACTORS,
  DAY,
  HOUR,
  MINUTE,
  shift,
} from '../../src/truces/domain/testing/builders';
import { agreeTruce, collapseTruce, endTruce, recordMilestone, TruceState } from '../../src/truces/domain/truce';
import { computeTruceStatus } from '../../src/truces/domain/truce-status';
import { END_REASONS, Party, truceStreamId } from '../../src/truces/domain/truce.events';
import { aStore, deferred, metadataFor, returnAppended } from '../support/event-store-fixtures';
import { openTestDataSource } from '../support/test-database';

// ---- the commands a property run draws ----

const PARTIES: Party[] = [
  { id: 'ARM', name: 'Armenia' },
  { id: 'AZE', name: 'Azerbaijan' },
  { id: 'RUS', name: 'Russia' },
];
const BASE = '2020-10-10T08:00:00.000Z';

const minutes = (max: number) => fc.integer({ min: -max, max });
const figure: fc.Arbitrary<Figure> = fc.oneof(
  fc.nat(6),
  fc.record({ best: fc.nat(6), low: fc.nat(3), high: fc.integer({ min: 6, max: 12 }) }, { requiredKeys: ['best'] }),
);
const casualtyArb: fc.Arbitrary<Casualties> = fc.record({
  killed: fc.record({ civilian: figure, military: figure, unknown: figure }),
  injured: fc.record({ civilian: figure, military: figure, unknown: figure }),
});

type Command =
  | { kind: 'report'; reporter: number; reporterType: (typeof REPORTER_TYPES)[number]; accused: number; fromMin: number; precision: TimeSpec['precision']; toMin: number | null; casualties: Casualties; respondsTo: number | null }
  | { kind: 'deny'; incident: number; denier: number; characterization: (typeof CHARACTERIZATIONS)[number]; thenVerify: (typeof VERIFICATION_STATUSES)[number] | null }
  | { kind: 'verify'; incident: number; status: (typeof VERIFICATION_STATUSES)[number] }
  | { kind: 'attribute'; incident: number; to: number | null }
  | { kind: 'revise'; incident: number; casualties: Casualties }
  | { kind: 'retract'; incident: number }
  | { kind: 'suspend' | 'resume' | 'revise-effective' | 'collapse'; atMin: number }
  | { kind: 'end'; atMin: number; reason: (typeof END_REASONS)[number] }
  | { kind: 'milestone'; atMin: number; counts: number[] };

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('report' as const),
      reporter: fc.nat(3),
      reporterType: fc.constantFrom(...REPORTER_TYPES),
      accused: fc.nat(3),
      // Around the effective instant, so that pre-truce, post-truce and ambiguous all occur.
      fromMin: minutes(6 * 60),
      precision: fc.constantFrom(...TIME_PRECISIONS),
      toMin: fc.option(fc.integer({ min: -10, max: 24 * 60 }), { nil: null }),
      casualties: casualtyArb,
      respondsTo: fc.option(fc.nat(20), { nil: null }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('deny' as const),
      incident: fc.nat(20),
      denier: fc.nat(3),
      characterization: fc.constantFrom(...CHARACTERIZATIONS),
      thenVerify: fc.option(fc.constantFrom(...VERIFICATION_STATUSES), { nil: null }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('verify' as const), incident: fc.nat(20), status: fc.constantFrom(...VERIFICATION_STATUSES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attribute' as const), incident: fc.nat(20), to: fc.option(fc.nat(3), { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('revise' as const), incident: fc.nat(20), casualties: casualtyArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retract' as const), incident: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constantFrom('suspend' as const, 'resume' as const, 'revise-effective' as const, 'collapse' as const), atMin: minutes(3 * 24 * 60) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('end' as const), atMin: minutes(3 * 24 * 60), reason: fc.constantFrom(...END_REASONS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('milestone' as const), atMin: minutes(24 * 60), counts: fc.array(fc.nat(50), { minLength: 0, maxLength: 3 }) }) },
);

const scenarioArb = fc.record({
  parties: fc.integer({ min: 2, max: 3 }),
  effectiveMin: minutes(60),
  endsAfterMin: fc.option(fc.integer({ min: 1, max: 5 * 24 * 60 }), { nil: null }),
  commands: fc.array(commandArb, { minLength: 1, maxLength: 25 }),
  clockSteps: fc.array(fc.nat(5 * MINUTE), { minLength: 1, maxLength: 10 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

// ---- running a scenario through the store ----

interface Written {
  truceId: string;
  effectiveAt: string;
  incidentIds: string[];
  rejected: number;
  appends: number;
}

/** Runs the commands through the domain's decide functions and appends what they decide. */
async function runScenario(store: EventStore, clock: FixedClock, scenario: Scenario): Promise<Written> {
  const truceId = randomUUID();
  const parties = PARTIES.slice(0, scenario.parties);
  const effectiveAt = shift(BASE, scenario.effectiveMin * MINUTE);
  const streams = new Map<string, RecordedEvent[]>();
  const incidentIds: string[] = [];
  let rejected = 0;
  let appends = 0;
  let step = 0;

  const stream = (id: string) => streams.get(id) ?? [];
  const truce = (): TruceState => foldTruce(stream(truceStreamId(truceId)))!;
  const incident = (id: string): IncidentState => foldIncident(stream(incidentStreamId(id)))!;
  const party = (i: number) => parties[i % parties.length].id;

  async function write(streamId: string, decide: () => NewEvent[]): Promise<void> {
    let events: NewEvent[];
    try {
      events = decide();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      rejected += 1; // the domain refused: nothing is written
      return;
    }
    clock.advance(scenario.clockSteps[step++ % scenario.clockSteps.length]);
    const before = stream(streamId);
    const { result } = await store.append({
      streamId,
      expectedVersion: before.length ? before[before.length - 1].streamVersion : 'no_stream',
      events,
      metadata: metadataFor(),
      result: returnAppended,
    });
    streams.set(streamId, [...before, ...result.events.map((e) => store.upcast(e))]);
    appends += 1;
  }

  await write(truceStreamId(truceId), () =>
    agreeTruce(
      null,
      aTruceAgreed({
        truceId,
        parties,
        effectiveAt,
        endsAt: scenario.endsAfterMin === null ? null : shift(effectiveAt, scenario.endsAfterMin * MINUTE),
      }).data,
    ),
  );

  for (const command of scenario.commands) {
    const pick = (i: number) => (incidentIds.length ? incidentIds[i % incidentIds.length] : null);
    const at = 'atMin' in command ? shift(effectiveAt, command.atMin * MINUTE) : effectiveAt;
    switch (command.kind) {
      case 'report': {
        const incidentId = randomUUID();
        const from = shift(effectiveAt, command.fromMin * MINUTE);
        const occurredAt: TimeSpec = { from, precision: command.precision };
        if (command.toMin !== null) occurredAt.to = shift(from, command.toMin * MINUTE);
        const respondsTo = command.respondsTo === null ? null : pick(command.respondsTo);
        await write(incidentStreamId(incidentId), () =>
          reportBreach(
            truce(),
            respondsTo ? incident(respondsTo) : null,
            aBreachReported({
              incidentId,
              truceId,
              reportedBy: command.reporterType === 'party' ? party(command.reporter) : 'OSCE',
              reporterType: command.reporterType,
              accusedParty: party(command.accused),
              occurredAt,
              casualties: command.casualties,
              respondsTo,
            }).data,
          ),
        );
        if (stream(incidentStreamId(incidentId)).length) incidentIds.push(incidentId);
        break;
      }
      case 'deny': {
        const id = pick(command.incident);
        if (!id) break;
        await write(incidentStreamId(id), () => {
          const denied = denyBreach(incident(id), truce(), aBreachDenied({ deniedBy: party(command.denier), characterization: command.characterization }).data);
          // Sometimes a verification rides in the same append: two events, one transaction.
          if (command.thenVerify === null) return denied;
          return [...denied, ...changeVerification(incident(id), aVerificationChanged(command.thenVerify).data)];
        });
        break;
      }
      case 'verify': {
        const id = pick(command.incident);
        if (id) await write(incidentStreamId(id), () => changeVerification(incident(id), aVerificationChanged(command.status).data));
        break;
      }
      case 'attribute': {
        const id = pick(command.incident);
        const attributedTo = command.to === null ? NOT_ATTRIBUTABLE : party(command.to);
        if (id) await write(incidentStreamId(id), () => determineAttribution(incident(id), truce(), anAttributionDetermined({ attributedTo }).data));
        break;
      }
      case 'revise': {
        const id = pick(command.incident);
        if (id) await write(incidentStreamId(id), () => reviseCasualties(incident(id), aCasualtiesRevised({ casualties: command.casualties }).data, ACTORS.admin));
        break;
      }
      case 'retract': {
        const id = pick(command.incident);
        if (id) await write(incidentStreamId(id), () => retractReport(incident(id), aReportRetracted({ by: ACTORS.admin.name }).data, ACTORS.admin));
        break;
      }
      // No command exists for these yet: valid domain events, built directly.
      case 'suspend':
        await write(truceStreamId(truceId), () => [aTruceSuspended({ at })]);
        break;
      case 'resume':
        await write(truceStreamId(truceId), () => [aTruceResumed({ at })]);
        break;
      case 'revise-effective':
        await write(truceStreamId(truceId), () => [anEffectiveTimeRevised({ effectiveAt: at, effectiveAtSource: null })]);
        break;
      case 'collapse':
        await write(truceStreamId(truceId), () => collapseTruce(truce(), aTruceCollapsed({ at, declaredBy: party(0) }).data));
        break;
      case 'end':
        await write(truceStreamId(truceId), () =>
          endTruce(truce(), aTruceEnded({ at, reason: command.reason, successorTruceId: command.reason === 'superseded' ? randomUUID() : null }).data),
        );
        break;
      case 'milestone': {
        const counts = Object.fromEntries(command.counts.map((n, i) => [party(i), n]));
        await write(truceStreamId(truceId), () => recordMilestone(truce(), aMilestoneRecorded({ at, counts }).data));
        break;
      }
    }
  }
  return { truceId, effectiveAt, incidentIds, rejected, appends };
}

// ---- the tests ----

describe('read models: the live inline projection equals a rebuild from the log', () => {
  let dataSource: DataSource;
  let readerSource: DataSource;
  let store: EventStore;
  let clock: FixedClock;
  let rebuild: RebuildService;

  beforeAll(async () => {
    Logger.overrideLogger(['error', 'warn']); // not the rebuild's progress line, 25 times over
    dataSource = await openTestDataSource();
    readerSource = await openTestDataSource();
    let projector: ReadModelProjector;
    ({ store, clock, projector } = aStore(dataSource));
    rebuild = new RebuildService(dataSource, store, projector);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await readerSource?.destroy();
  });

  /** The read-model rows of one truce, every column, as PostgreSQL holds them. */
  async function readModelOf(truceId: string) {
    const truce = await dataSource.query('SELECT * FROM truce_view WHERE truce_id = $1', [truceId]);
    const incidents = await dataSource.query('SELECT * FROM incident_view WHERE truce_id = $1 ORDER BY position, incident_id', [truceId]);
    return { truce, incidents };
  }

  /** The same truce folded straight from the log (upcast), incidents in report order. */
  async function foldOfLog(written: Written): Promise<{ truce: TruceState; incidents: IncidentState[] }> {
    const truce = foldTruce(await store.readStream(truceStreamId(written.truceId)))!;
    const incidents = await Promise.all(written.incidentIds.map(async (id) => foldIncident(await store.readStream(incidentStreamId(id)))!));
    return { truce, incidents };
  }

  /** jsonb keeps what JSON keeps: compare the fold through the same lens. */
  const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value));

  it('for random command sequences on a fresh truce, rebuilding gives back exactly the live rows', async () => {
    let totalRejected = 0;
    let totalIncidents = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        clock.set('2020-10-10T12:00:00.000Z');
        const written = await runScenario(store, clock, scenario);
        totalRejected += written.rejected;
        totalIncidents += written.incidentIds.length;

        const live = await readModelOf(written.truceId);
        expect(live.truce).toHaveLength(1);
        expect(live.incidents).toHaveLength(written.incidentIds.length);

        const report = await rebuild.rebuild();
        const rebuilt = await readModelOf(written.truceId);

        expect(report.events).toBeGreaterThanOrEqual(written.appends);
        expect(rebuilt).toEqual(live);

        // Each row holds exactly the fold of its stream.
        const fold = await foldOfLog(written);
        expect(live.truce[0].state).toEqual(asJson(fold.truce));
        expect(live.incidents.map((r: { state: IncidentState }) => r.state)).toEqual(asJson(fold.incidents));

        // And the status derived from the read models is the status derived from the log.
        const readModelTruce: TruceState = live.truce[0].state;
        const readModelIncidents: IncidentState[] = live.incidents.map((r: { state: IncidentState }) => r.state);
        const instants = [
          shift(written.effectiveAt, -1),
          written.effectiveAt,
          shift(written.effectiveAt, 10 * MINUTE),
          shift(written.effectiveAt, 2 * HOUR),
          shift(written.effectiveAt, DAY),
          shift(written.effectiveAt, 4 * DAY),
          ...readModelTruce.suspensions.map((s) => s.at),
          ...readModelIncidents.map((i) => i.occurredAt.from),
        ];
        for (const at of instants) {
          expect(computeTruceStatus(readModelTruce, readModelIncidents, at)).toEqual(computeTruceStatus(fold.truce, fold.incidents, at));
        }
      }),
      { numRuns: 25 },
    );
    // The generator does reach the interesting cases: refusals and incidents.
    expect(totalIncidents).toBeGreaterThan(0);
    expect(totalRejected).toBeGreaterThan(0);
  }, 120_000);

  it('readers keep seeing the old rows while a rebuild is under way', async () => {
    const written = await runScenario(store, clock, {
      parties: 2,
      effectiveMin: 0,
      endsAfterMin: null,
      commands: [
        { kind: 'report', reporter: 0, reporterType: 'party', accused: 1, fromMin: 10, precision: 'minute', toMin: null, casualties: aBreachReported().data.casualties, respondsTo: null },
        { kind: 'verify', incident: 0, status: 'corroborated' },
      ],
      clockSteps: [MINUTE],
    });
    const live = await readModelOf(written.truceId);

    // A projector that stops after the first batch of the rebuild, mid-transaction.
    const paused = deferred<void>();
    const entered = deferred<void>();
    const slowProjector = {
      first: true,
      async apply(manager: Parameters<ReadModelProjector['apply']>[0], events: RecordedEvent[]) {
        await new ReadModelProjector().apply(manager, events);
        if (this.first) {
          this.first = false;
          entered.resolve();
          await paused.promise;
        }
      },
    };
    const running = new RebuildService(dataSource, store, slowProjector).rebuild();
    await entered.promise;

    const view = await readerSource.query('SELECT * FROM truce_view WHERE truce_id = $1', [written.truceId]);
    const incidents = await readerSource.query('SELECT * FROM incident_view WHERE truce_id = $1 ORDER BY position, incident_id', [written.truceId]);
    paused.resolve();
    await running;

    expect({ truce: view, incidents }).toEqual(live);
    await expect(readModelOf(written.truceId)).resolves.toEqual(live);
  });
});
