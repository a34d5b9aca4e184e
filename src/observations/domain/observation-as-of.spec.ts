// observationAsOf: the observation as the log knew it at record time K equals the fold of the
// events recorded by K (the law record-as-of.ts keeps for truces and incidents).
import { anObservationAssessed, anObservationRecorded, anObservationWithdrawn, recordedObservationEvent } from '../../../test/support/observation-builders';
import { Recorded } from '../../common/domain/domain-event';
import { foldObservation, ObservationEvent } from './observation';
import { observationAsOf } from './observation-as-of';

const stream: Recorded<ObservationEvent>[] = [
  recordedObservationEvent(anObservationRecorded(), { streamVersion: 1, recordedAt: '2020-10-10T09:00:00.000Z' }),
  recordedObservationEvent(anObservationAssessed({ origin: 'AZE', assessment: undefined }), { streamVersion: 2, recordedAt: '2020-10-10T10:00:00.000Z' }),
  recordedObservationEvent(anObservationAssessed({ origin: undefined, assessment: 'ceasefire_violation' }), {
    streamVersion: 3,
    recordedAt: '2020-10-10T11:00:00.000Z',
  }),
  recordedObservationEvent(anObservationWithdrawn(), { streamVersion: 4, recordedAt: '2020-10-10T12:00:00.000Z' }),
];

describe('observationAsOf', () => {
  const today = foldObservation(stream)!;

  it.each([
    '2020-10-10T09:00:00.000Z',
    '2020-10-10T09:30:00.000Z',
    '2020-10-10T10:00:00.000Z',
    '2020-10-10T11:59:59.999Z',
    '2020-10-10T12:00:00.000Z',
    '2021-01-01T00:00:00.000Z',
  ])('as of %s equals the fold of the events recorded by then', (k) => {
    expect(observationAsOf(today, k)).toEqual(foldObservation(stream.filter((e) => e.recordedAt <= k)));
  });

  it('is null before the observation was recorded', () => {
    expect(observationAsOf(today, '2020-10-10T08:59:59.999Z')).toBeNull();
  });

  it('rolls the findings back: origin kept from the first, assessment not yet a violation', () => {
    expect(observationAsOf(today, '2020-10-10T10:30:00.000Z')).toMatchObject({ origin: 'AZE', assessment: 'undetermined', withdrawn: null, version: 2 });
  });
});
