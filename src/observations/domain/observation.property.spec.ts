// Laws of the observation stream for any sequence of commands (fast-check): what decide accepts
// folds to a state whose as-of view at every record time equals the fold of the events recorded
// by then; a refused command appends nothing and leaves the state as it was.
import fc from 'fast-check';
import { shift, MINUTE } from '../../../test/support/domain-builders';
import { anObservationRecorded, recordedObservationEvent, theTruceFacts, OBSERVATION_ID } from '../../../test/support/observation-builders';
import { DomainError } from '../../common/domain/domain-error';
import { Recorded } from '../../common/domain/domain-event';
import { ASSESSMENTS, decideObservation, foldObservation, ObservationCommand, ObservationEvent, ObservationState } from './observation';
import { observationAsOf } from './observation-as-of';

const START = '2020-10-10T09:00:00.000Z';

const aCommand: fc.Arbitrary<ObservationCommand> = fc.oneof(
  fc
    .record({
      origin: fc.option(fc.constantFrom('undetermined', 'ARM', 'AZE', 'RUS'), { nil: undefined }),
      assessment: fc.option(fc.constantFrom(...ASSESSMENTS), { nil: undefined }),
      note: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
    })
    .map(({ origin, assessment, note }) => ({
      type: 'AssessObservation' as const,
      observationId: OBSERVATION_ID,
      data: { ...(origin !== undefined ? { origin } : {}), ...(assessment !== undefined ? { assessment } : {}), by: 'OSCE SMM', note },
    })),
  fc.constant<ObservationCommand>({ type: 'WithdrawObservation', observationId: OBSERVATION_ID, data: { by: 'OSCE SMM', reason: 'error' } }),
);

/** Runs the commands through decide, one minute apart, as the handler would: refusals append nothing. */
function run(commands: ObservationCommand[]): Recorded<ObservationEvent>[] {
  const stream: Recorded<ObservationEvent>[] = [recordedObservationEvent(anObservationRecorded(), { recordedAt: START, streamVersion: 1 })];
  commands.forEach((command, i) => {
    const before: ObservationState | null = foldObservation(stream);
    let events: ObservationEvent[];
    try {
      events = decideObservation(command, { observation: before, truce: theTruceFacts() });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return;
    }
    for (const event of events) {
      stream.push(recordedObservationEvent(event, { recordedAt: shift(START, (i + 1) * MINUTE), streamVersion: stream.length + 1 }));
    }
  });
  return stream;
}

describe('observation stream laws', () => {
  it('as of any record time, the state equals the fold of the events recorded by then', () => {
    fc.assert(
      fc.property(fc.array(aCommand, { maxLength: 12 }), fc.integer({ min: -1, max: 14 }), (commands, minutes) => {
        const stream = run(commands);
        const k = shift(START, minutes * MINUTE);
        const today = foldObservation(stream)!;
        expect(observationAsOf(today, k)).toEqual(foldObservation(stream.filter((e) => e.recordedAt <= k)));
      }),
    );
  });

  it('nothing follows a withdrawal, and every accepted finding names only undetermined or a party', () => {
    fc.assert(
      fc.property(fc.array(aCommand, { maxLength: 12 }), (commands) => {
        const stream = run(commands);
        const withdrawnAt = stream.findIndex((e) => e.type === 'ObservationWithdrawn');
        if (withdrawnAt >= 0) expect(withdrawnAt).toBe(stream.length - 1);
        for (const event of stream) {
          if (event.type === 'ObservationAssessed' && event.data.origin !== undefined) expect(['undetermined', 'ARM', 'AZE']).toContain(event.data.origin);
        }
      }),
    );
  });
});
