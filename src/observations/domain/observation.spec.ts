// Unit tests of the observation stream: evolve (events → state) and decide (state + command →
// events or DomainError), on the reference truce of 10 October 2020 (ARM, AZE; in force 08:00Z).
import { EFFECTIVE_AT, HOUR, MINUTE, refusal, shift } from '../../../test/support/domain-builders';
import {
  anObservationAssessed,
  anObservationRecorded,
  anObservationWithdrawn,
  observationCommand,
  observationFrom,
  OBSERVATION_ID,
  recordedObservationEvent,
  theTruceFacts,
} from '../../../test/support/observation-builders';
import { decideObservation, evolveObservation, ObservationRecorded, ObservationState } from './observation';
import { classifyObservation } from './observation-classification';

const recordedOne = (): ObservationState => observationFrom([anObservationRecorded()]);
const withdrawnOne = (): ObservationState => observationFrom([anObservationRecorded(), anObservationWithdrawn()]);

describe('evolveObservation', () => {
  it('ObservationRecorded starts the state: its finding as recorded, no history, not withdrawn', () => {
    const event = anObservationRecorded();
    const state = evolveObservation(null, recordedObservationEvent(event, { recordedAt: '2020-10-10T09:00:00.000Z', streamVersion: 1 }));

    expect(state).toEqual<ObservationState>({
      ...event.data,
      recordedFinding: { origin: 'undetermined', assessment: 'undetermined' },
      assessmentHistory: [],
      withdrawn: null,
      recordedAt: '2020-10-10T09:00:00.000Z',
      updatedAt: '2020-10-10T09:00:00.000Z',
      version: 1,
    });
  });

  it('ignores a non-initial event on an empty stream', () => {
    expect(evolveObservation(null, recordedObservationEvent(anObservationAssessed()))).toBeNull();
  });

  it('ObservationAssessed changes only what the finding gives, and keeps it in the history', () => {
    const state = observationFrom([
      anObservationRecorded(),
      recordedObservationEvent(anObservationAssessed({ origin: 'AZE', assessment: undefined }), { streamVersion: 2, recordedAt: '2020-10-11T09:00:00.000Z' }),
      recordedObservationEvent(anObservationAssessed({ origin: undefined, assessment: 'ceasefire_violation', note: 'crater analysis' }), {
        streamVersion: 3,
        recordedAt: '2020-10-12T09:00:00.000Z',
      }),
    ]);

    expect(state).toMatchObject({ origin: 'AZE', assessment: 'ceasefire_violation', version: 3, updatedAt: '2020-10-12T09:00:00.000Z' });
    expect(state.recordedFinding).toEqual({ origin: 'undetermined', assessment: 'undetermined' });
    expect(state.assessmentHistory.map((s) => [s.origin, s.assessment, s.recordedAt])).toEqual([
      ['AZE', undefined, '2020-10-11T09:00:00.000Z'],
      [undefined, 'ceasefire_violation', '2020-10-12T09:00:00.000Z'],
    ]);
  });

  it('ObservationWithdrawn marks it withdrawn with who, why and when', () => {
    const state = observationFrom([
      anObservationRecorded(),
      recordedObservationEvent(anObservationWithdrawn(), { streamVersion: 2, recordedAt: '2020-10-11T00:00:00.000Z' }),
    ]);
    expect(state.withdrawn).toEqual({ by: 'OSCE SMM', reason: 'entered twice', recordedAt: '2020-10-11T00:00:00.000Z' });
  });
});

describe('decideObservation: RecordObservation', () => {
  const record = (overrides: Parameters<typeof observationCommand.record>[0] = {}) =>
    decideObservation(observationCommand.record(overrides), { observation: null, truce: theTruceFacts() }) as ObservationRecorded[];

  it('records the observation as given', () => {
    expect(record()).toEqual([anObservationRecorded()]);
  });

  it.each([['undetermined'], ['ARM'], ['AZE']])('accepts origin %s', (origin) => {
    expect(record({ origin })[0].data).toMatchObject({ origin });
  });

  it('refuses an origin that is not a party of the truce (422)', () => {
    const error = refusal(() => record({ origin: 'RUS' }));
    expect(error).toMatchObject({ kind: 'rejected', code: 'TRUCE.NOT_A_PARTY' });
  });

  it.each([[0], [-1], [1.5]])('refuses count %p', (count) => {
    expect(refusal(() => record({ count }))).toMatchObject({ kind: 'rejected', code: 'OBSERVATION.INVALID' });
  });

  it.each([[0], [359], ['N'], ['NW'], [null]])('accepts direction %p', (direction) => {
    expect(record({ direction: direction as never })[0].data.direction).toBe(direction);
  });

  it.each([[360], [-1], [12.5], ['NNE'], ['north']])('refuses direction %p', (direction) => {
    expect(refusal(() => record({ direction: direction as never }))).toMatchObject({ kind: 'rejected', code: 'OBSERVATION.INVALID' });
  });

  it('accepts a distance of one figure (low = high) and refuses low > high', () => {
    expect(record({ distanceKm: { low: 4, high: 4 } })[0].data.distanceKm).toEqual({ low: 4, high: 4 });
    expect(refusal(() => record({ distanceKm: { low: 5, high: 3 } }))).toMatchObject({ code: 'OBSERVATION.DISTANCE_RANGE' });
  });

  it('refuses an unknown kind or assessment, and an empty sources list', () => {
    expect(refusal(() => record({ kind: 'gunfire' as never }))).toMatchObject({ code: 'OBSERVATION.INVALID' });
    expect(refusal(() => record({ assessment: 'violation' as never }))).toMatchObject({ code: 'OBSERVATION.INVALID' });
    expect(refusal(() => record({ sources: [] }))).toMatchObject({ code: 'OBSERVATION.INVALID' });
  });

  it('refuses an observedAt window that ends before it starts', () => {
    const observedAt = { from: shift(EFFECTIVE_AT, HOUR), to: EFFECTIVE_AT, precision: 'minute' as const };
    expect(refusal(() => record({ observedAt }))).toMatchObject({ code: 'OBSERVATION.EMPTY_WINDOW' });
  });
});

describe('decideObservation: AssessObservation', () => {
  const assess = (state: ObservationState | null, data: Parameters<typeof observationCommand.assess>[0]) =>
    decideObservation(observationCommand.assess(data), { observation: state, truce: theTruceFacts() });

  it('records a finding of origin and assessment', () => {
    const data = { origin: 'AZE', assessment: 'ceasefire_violation' as const, by: 'OSCE SMM', note: null };
    expect(assess(recordedOne(), data)).toEqual([{ type: 'ObservationAssessed', schemaVersion: 1, data }]);
  });

  it('refuses a finding with neither origin nor assessment', () => {
    expect(refusal(() => assess(recordedOne(), { by: 'OSCE SMM', note: null }))).toMatchObject({ kind: 'rejected' });
  });

  it('refuses an origin that is not a party of the truce', () => {
    expect(refusal(() => assess(recordedOne(), { origin: 'RUS', by: 'OSCE SMM', note: null }))).toMatchObject({ code: 'TRUCE.NOT_A_PARTY' });
  });

  it('refuses any finding on a withdrawn observation (422)', () => {
    const error = refusal(() => assess(withdrawnOne(), { assessment: 'not_a_violation', by: 'OSCE SMM', note: null }));
    expect(error).toMatchObject({ kind: 'rejected', code: 'OBSERVATION.WITHDRAWN' });
  });

  it('is 404 on an observation not recorded', () => {
    expect(refusal(() => assess(null, { assessment: 'not_a_violation', by: 'x', note: null }))).toMatchObject({
      kind: 'not_found',
      code: 'OBSERVATION.NOT_FOUND',
    });
  });
});

describe('decideObservation: WithdrawObservation', () => {
  it('withdraws a recorded observation', () => {
    expect(decideObservation(observationCommand.withdraw(), { observation: recordedOne() })).toEqual([anObservationWithdrawn()]);
  });

  it('refuses to withdraw it twice', () => {
    expect(refusal(() => decideObservation(observationCommand.withdraw(), { observation: withdrawnOne() }))).toMatchObject({ code: 'OBSERVATION.WITHDRAWN' });
  });

  it('names the observation when none is recorded', () => {
    expect(refusal(() => decideObservation(observationCommand.withdraw(), { observation: null })).message).toContain(OBSERVATION_ID);
  });
});

describe('classifyObservation (by observedAt, as incidents are by occurredAt)', () => {
  const E = EFFECTIVE_AT;

  it('post_truce when observed at or after E', () => {
    expect(classifyObservation({ from: E, precision: 'minute' }, E)).toBe('post_truce');
  });

  it('pre_truce when the window ends at E', () => {
    expect(classifyObservation({ from: shift(E, -MINUTE), precision: 'minute' }, E)).toBe('pre_truce');
  });

  it('ambiguous when the window straddles E', () => {
    expect(classifyObservation({ from: shift(E, -HOUR), to: shift(E, MINUTE), precision: 'minute' }, E)).toBe('ambiguous');
  });

  it('uses the observation time, never the record time', () => {
    const state = observationFrom([
      recordedObservationEvent(anObservationRecorded({ observedAt: { from: shift(E, -2 * HOUR), precision: 'hour' } }), { recordedAt: shift(E, 5 * HOUR) }),
    ]);
    expect(classifyObservation(state.observedAt, E)).toBe('pre_truce');
  });
});
