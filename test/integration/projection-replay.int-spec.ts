import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock';
import { DomainError } from '../../src/common/domain/domain-error';
import { Recorded } from '../../src/common/domain/domain-event';
import { EventStore } from '../../src/event-store/event-store.service';
import { ExpectedVersion, NewEvent, RecordedEvent } from '../../src/event-store/event-store.types';
import {
  CHARACTERIZATIONS,
  decideIncident,
  foldIncident,
  IncidentCommand,
  IncidentEvent,
  IncidentState,
  incidentStreamId,
  NOT_ATTRIBUTABLE,
  REPORTER_TYPES,
  VERIFICATION_STATUSES,
} from '../../src/incidents/domain/incident';
import { Casualties, Figure, TIME_PRECISIONS, TimeSpec } from '../../src/incidents/domain/value-objects';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { RebuildService } from '../../src/projections/rebuild.service';
import { computeTruceStatus } from '../../src/truce-record/domain/truce-status';
import { decideTruce, END_REASONS, foldTruce, TruceCommand, TruceEvent, TruceState, truceStreamId } from '../../src/truces/domain/truce';
import { Party } from '../../src/truces/domain/truce-facts';
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
  aTruceReopened,
  aTruceResumed,
  aTruceSuspended,
  aVerificationChanged,
  ACTORS,
  DAY,
  HOUR,
  incidentCommand,
  MINUTE,
  shift,
  truceCommand,
} from '../support/domain-builders';
import { aStore, deferred, metadataFor, returnAppended } from '../support/event-store-fixtures';
import { openTestDataSource } from '../support/test-database';

// ---- the commands a property run draws: the production command types, as data ----

const PARTIES: Party[] = [
  { id: 'ARM', name: 'Armenia' },
  { id: 'AZE', name: 'Azerbaijan' },
  { id: 'RUS', name: 'Russia' },
];
const BASE = '2020-10-10T08:00:00.000Z';

/**
 * Ids in drawn commands are placeholders, made real when a scenario runs (so that runs never
 * share a stream): THE_TRUCE is the scenario's truce, NEW_INCIDENT a fresh incident, and
 * `incident#k` the k-th incident reported so far (modulo how many there are).
 */
const THE_TRUCE = 'the-truce';
const NEW_INCIDENT = 'new-incident';
const anIncident = fc.nat(20).map((k) => `incident#${k}`);

type AnyCommand = TruceCommand | IncidentCommand;
const isTruceCommand = (command: AnyCommand): command is TruceCommand => !('incidentId' in command);

const minutes = (max: number) => fc.integer({ min: -max, max });
const figure: fc.Arbitrary<Figure> = fc.oneof(
  fc.nat(6),
  fc.record({ best: fc.nat(6), low: fc.nat(3), high: fc.integer({ min: 6, max: 12 }) }, { requiredKeys: ['best'] }),
);
const casualtyArb: fc.Arbitrary<Casualties> = fc.record({
  killed: fc.record({ civilian: figure, military: figure, unknown: figure }),
  injured: fc.record({ civilian: figure, military: figure, unknown: figure }),
});

/** A truce as agreed, and the commands that follow it (a step of two is decided on one state and appended together). */
const scenarioArb = fc
  .record({
    parties: fc.integer({ min: 2, max: 3 }),
    effectiveMin: minutes(60),
    endsAfterMin: fc.option(fc.integer({ min: 1, max: 5 * 24 * 60 }), { nil: null }),
    clockSteps: fc.array(fc.nat(5 * MINUTE), { minLength: 1, maxLength: 10 }),
  })
  .chain((base) => {
    const parties = PARTIES.slice(0, base.parties);
    const effectiveAt = shift(BASE, base.effectiveMin * MINUTE);
    const agreed = aTruceAgreed({
      truceId: THE_TRUCE,
      parties,
      effectiveAt,
      endsAt: base.endsAfterMin === null ? null : shift(effectiveAt, base.endsAfterMin * MINUTE),
    }).data;
    const party = fc.nat(3).map((i) => parties[i % parties.length].id);
    const at = (max: number) => minutes(max).map((m) => shift(effectiveAt, m * MINUTE));
    const report = fc
      .record({
        reportedBy: party,
        reporterType: fc.constantFrom(...REPORTER_TYPES),
        accusedParty: party,
        // Around the effective instant, so that pre-truce, post-truce and ambiguous all occur.
        from: at(6 * 60),
        precision: fc.constantFrom(...TIME_PRECISIONS),
        toMin: fc.option(fc.integer({ min: -10, max: 24 * 60 }), { nil: null }),
        casualties: casualtyArb,
        respondsTo: fc.option(anIncident, { nil: null }),
      })
      .map(({ from, precision, toMin, reportedBy, reporterType, ...rest }) => {
        const occurredAt: TimeSpec = { from, precision };
        if (toMin !== null) occurredAt.to = shift(from, toMin * MINUTE);
        const reporter = reporterType === 'party' ? reportedBy : 'OSCE';
        const data = aBreachReported({ incidentId: NEW_INCIDENT, truceId: THE_TRUCE, reportedBy: reporter, reporterType, occurredAt, ...rest }).data;
        return [incidentCommand.report(data)];
      });
    const verify = (incidentId: string) =>
      fc.constantFrom(...VERIFICATION_STATUSES).map((status) => incidentCommand.verify(aVerificationChanged(status).data, incidentId));
    const deny = fc
      .record({ incidentId: anIncident, deniedBy: party, characterization: fc.constantFrom(...CHARACTERIZATIONS), withVerification: fc.boolean() })
      .chain(({ incidentId, withVerification, ...denial }) => {
        const denied = incidentCommand.deny(aBreachDenied(denial).data, incidentId);
        // Sometimes a verification rides in the same append: two events, one transaction.
        return withVerification ? verify(incidentId).map((verified) => [denied, verified]) : fc.constant<IncidentCommand[]>([denied]);
      });
    const step: fc.Arbitrary<AnyCommand[]> = fc.oneof(
      { weight: 5, arbitrary: report },
      { weight: 3, arbitrary: deny },
      { weight: 3, arbitrary: anIncident.chain((id) => verify(id).map((c) => [c])) },
      {
        weight: 1,
        arbitrary: fc
          .record({ incidentId: anIncident, to: fc.option(party, { nil: null }) })
          .map(({ incidentId, to }) => [incidentCommand.attribute(anAttributionDetermined({ attributedTo: to ?? NOT_ATTRIBUTABLE }).data, incidentId)]),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({ incidentId: anIncident, casualties: casualtyArb })
          .map(({ incidentId, casualties }) => [incidentCommand.reviseCasualties(aCasualtiesRevised({ casualties }).data, ACTORS.admin, incidentId)]),
      },
      {
        weight: 1,
        arbitrary: anIncident.map((id) => [incidentCommand.retract(aReportRetracted({ by: ACTORS.admin.name }).data, ACTORS.admin, id)]),
      },
      {
        weight: 2,
        arbitrary: fc.oneof(
          // `at` left out (null) now and then: it takes effect when recorded.
          fc.option(at(3 * 24 * 60), { nil: null }).map((t) => [truceCommand.suspend(aTruceSuspended({ at: t }).data, THE_TRUCE)]),
          fc.option(at(3 * 24 * 60), { nil: null }).map((t) => [truceCommand.resume(aTruceResumed({ at: t }).data, THE_TRUCE)]),
          // Reopening withdraws every collapse and end before it (refused when none counts).
          fc.constant(null).map(() => [truceCommand.reopen(aTruceReopened().data, THE_TRUCE)]),
          at(3 * 24 * 60).map((t) => [truceCommand.reviseEffectiveTime(anEffectiveTimeRevised({ effectiveAt: t, effectiveAtSource: null }).data, THE_TRUCE)]),
          fc
            .record({ at: at(3 * 24 * 60), declaredBy: party })
            .map(({ at: t, declaredBy }) => [truceCommand.collapse(aTruceCollapsed({ at: t, declaredBy }).data, THE_TRUCE)]),
        ),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({ at: at(3 * 24 * 60), reason: fc.constantFrom(...END_REASONS), successor: fc.uuid() })
          .map(({ at: t, reason, successor }) => [
            truceCommand.end(aTruceEnded({ at: t, reason, successorTruceId: reason === 'superseded' ? successor : null }).data, THE_TRUCE),
          ]),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({ at: at(24 * 60), counts: fc.array(fc.nat(50), { minLength: 0, maxLength: 3 }) })
          .map(({ at: t, counts }) => [
            truceCommand.recordMilestone(
              aMilestoneRecorded({ at: t, counts: Object.fromEntries(counts.map((n, i) => [parties[i % parties.length].id, n])) }).data,
              THE_TRUCE,
            ),
          ]),
      },
    );
    return fc.record({
      effectiveAt: fc.constant(effectiveAt),
      agree: fc.constant(truceCommand.agree(agreed)),
      steps: fc.array(step, { minLength: 1, maxLength: 25 }),
      clockSteps: fc.constant(base.clockSteps),
    });
  });
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

// ---- running a scenario through the production deciders and the store ----

interface Written {
  truceId: string;
  effectiveAt: string;
  incidentIds: string[];
  rejected: number;
  appends: number;
}

/** Decides each step with decideTruce / decideIncident and appends what they decide, as the command handlers do. */
async function runScenario(store: EventStore, clock: FixedClock, scenario: Scenario): Promise<Written> {
  const truceId = randomUUID();
  const streams = new Map<string, RecordedEvent[]>();
  const incidentIds: string[] = [];
  let rejected = 0;
  let appends = 0;
  let step = 0;

  const stream = (id: string) => streams.get(id) ?? [];
  const truce = () => foldTruce(stream(truceStreamId(truceId)) as Recorded<TruceEvent>[]);
  const incident = (id: string) => foldIncident(stream(incidentStreamId(id)) as Recorded<IncidentEvent>[]);

  /** The command with real ids for its placeholders; null when it names an incident and none is reported yet. */
  function resolve(command: AnyCommand): AnyCommand | null {
    const real = (id: string): string | null => {
      if (id === THE_TRUCE) return truceId;
      if (id === NEW_INCIDENT) return randomUUID();
      const k = Number(/^incident#(\d+)$/.exec(id)?.[1]);
      return incidentIds.length ? incidentIds[k % incidentIds.length] : null;
    };
    if (isTruceCommand(command)) return { ...command, truceId: truceId };
    const incidentId = real(command.incidentId);
    if (incidentId === null) return null;
    if (command.type !== 'ReportBreach') return { ...command, incidentId };
    const respondsTo = command.data.respondsTo === null ? null : real(command.data.respondsTo);
    return { ...command, incidentId, data: { ...command.data, truceId, respondsTo } };
  }

  /** One step: every command decided on the state before the step, all their events in one append. */
  async function write(commands: AnyCommand[]): Promise<void> {
    const first = commands[0];
    const streamId = isTruceCommand(first) ? truceStreamId(truceId) : incidentStreamId(first.incidentId);
    let events: NewEvent[];
    try {
      events = commands.flatMap((command): NewEvent[] =>
        isTruceCommand(command)
          ? decideTruce(command, truce())
          : decideIncident(command, {
              incident: command.type === 'ReportBreach' ? null : incident(command.incidentId),
              truce: truce() ?? undefined,
              respondsTo: command.type === 'ReportBreach' && command.data.respondsTo ? incident(command.data.respondsTo) : null,
            }),
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      rejected += 1; // the domain refused: nothing is written
      return;
    }
    clock.advance(scenario.clockSteps[step++ % scenario.clockSteps.length]);
    const before = stream(streamId);
    const creates = first.type === 'AgreeTruce' || first.type === 'ReportBreach';
    const expectedVersion: ExpectedVersion = creates ? 'no_stream' : before[before.length - 1].streamVersion;
    const { result } = await store.append({ streamId, expectedVersion, events, metadata: metadataFor(), result: returnAppended });
    streams.set(streamId, [...before, ...result.events.map((e) => store.upcast(e))]);
    appends += 1;
    if (first.type === 'ReportBreach') incidentIds.push(first.incidentId);
  }

  await write([resolve(scenario.agree)!]);
  for (const commands of scenario.steps) {
    const resolved = commands.map(resolve);
    if (resolved.every((c): c is AnyCommand => c !== null)) await write(resolved);
  }
  return { truceId, effectiveAt: scenario.effectiveAt, incidentIds, rejected, appends };
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
    const truce = foldTruce((await store.readStream(truceStreamId(written.truceId))) as Recorded<TruceEvent>[])!;
    const incidents = await Promise.all(
      written.incidentIds.map(async (id) => foldIncident((await store.readStream(incidentStreamId(id))) as Recorded<IncidentEvent>[])!),
    );
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
    const agreed = aTruceAgreed({ truceId: THE_TRUCE, parties: PARTIES.slice(0, 2), effectiveAt: BASE, endsAt: null }).data;
    const kapan = aBreachReported({ incidentId: NEW_INCIDENT, truceId: THE_TRUCE, occurredAt: { from: shift(BASE, 10 * MINUTE), precision: 'minute' } }).data;
    const written = await runScenario(store, clock, {
      effectiveAt: BASE,
      agree: truceCommand.agree(agreed),
      steps: [[incidentCommand.report(kapan)], [incidentCommand.verify(aVerificationChanged('corroborated').data, 'incident#0')]],
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

describe('read models: the row of a new incident stream is written by the INSERT that begins it', () => {
  let dataSource: DataSource;
  let store: EventStore;
  let projector: ReadModelProjector;
  let rebuild: RebuildService;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    ({ store, projector } = aStore(dataSource));
    rebuild = new RebuildService(dataSource, store, projector);
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('in one batch with a write that continues the new stream and one refused on it, the rows are the rebuild’s and apply() sees only the continuation', async () => {
    const truceId = randomUUID();
    const [first, second] = [randomUUID(), randomUUID()];
    const applied: RecordedEvent[] = [];
    const apply = projector.apply.bind(projector);
    const spy = jest.spyOn(projector, 'apply').mockImplementation(async (sql, events) => {
      applied.push(...events);
      return apply(sql, events);
    });
    const append = (incidentId: string, expectedVersion: ExpectedVersion, events: NewEvent[]) =>
      store.append({ streamId: incidentStreamId(incidentId), expectedVersion, events, metadata: metadataFor(), result: returnAppended });
    try {
      // Queued in the same tick: one group-commit batch.
      const outcomes = await Promise.allSettled([
        append(first, 'no_stream', [aBreachReported({ incidentId: first, truceId })]),
        append(first, 1, [aBreachDenied()]),
        append(second, 'no_stream', [aBreachReported({ incidentId: second, truceId }), aVerificationChanged('confirmed')]),
        append(second, 'no_stream', [aBreachReported({ incidentId: second, truceId })]),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
      const positions = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.result.events[0].position : null));
      expect(new Set(positions.slice(0, 3).map((p) => p! - positions[0]!))).toEqual(new Set([0, 1, 2])); // one batch
      expect(applied.map((e) => e.type)).toEqual(['BreachDenied']);

      const rowsOf = () => dataSource.query('SELECT * FROM incident_view WHERE truce_id = $1 ORDER BY position', [truceId]);
      const live = await rowsOf();
      expect(live.map((r: { incident_id: string; position: string }) => [r.incident_id, Number(r.position)])).toEqual([
        [first, positions[0]],
        [second, positions[2]],
      ]);
      expect(live.map((r: { version: number }) => r.version)).toEqual([2, 2]);
      await rebuild.rebuild();
      expect(await rowsOf()).toEqual(live);
    } finally {
      spy.mockRestore();
    }
  });
});
