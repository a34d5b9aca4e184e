import { observationAsOf, observationItems, PublishableObservation } from './observation-items';
import { timeSeries } from './time-series';
import { bucketBounds } from './time-buckets';

function anObservation(overrides: Partial<PublishableObservation> = {}): PublishableObservation {
  return {
    observationId: 'o1',
    observedAt: { from: '2020-10-10T10:00:00.000Z', precision: 'hour' },
    weapons: ['artillery'],
    origin: 'undetermined',
    assessment: 'undetermined',
    recordedFinding: { origin: 'undetermined', assessment: 'undetermined' },
    assessmentHistory: [],
    withdrawn: null,
    recordedAt: '2020-10-10T12:00:00.000Z',
    updatedAt: '2020-10-10T12:00:00.000Z',
    ...overrides,
  };
}

describe('observations in the published figures', () => {
  const assessed = anObservation({
    origin: 'AZE',
    assessment: 'ceasefire_violation',
    assessmentHistory: [
      { assessment: 'ceasefire_violation', recordedAt: '2020-10-10T13:00:00.000Z' },
      { origin: 'AZE', recordedAt: '2020-10-10T14:00:00.000Z' },
    ],
    withdrawn: { recordedAt: '2020-10-10T15:00:00.000Z' },
    updatedAt: '2020-10-10T15:00:00.000Z',
  });

  it('takes an observation back to what was recorded by K', () => {
    expect(observationAsOf(assessed, '2020-10-10T11:59:59.999Z')).toBeNull();
    expect(observationAsOf(assessed, '2020-10-10T12:00:00.000Z')).toMatchObject({ origin: 'undetermined', assessment: 'undetermined', withdrawn: null });
    expect(observationAsOf(assessed, '2020-10-10T13:30:00.000Z')).toMatchObject({ origin: 'undetermined', assessment: 'ceasefire_violation', withdrawn: null });
    expect(observationAsOf(assessed, '2020-10-10T14:30:00.000Z')).toMatchObject({ origin: 'AZE', assessment: 'ceasefire_violation', withdrawn: null });
    expect(observationAsOf(assessed, '2020-10-10T15:00:00.000Z')).toBe(assessed);
  });

  it('counts observations as records apart from breaches, a withdrawn one nowhere', () => {
    const known = observationAsOf(assessed, '2020-10-10T14:30:00.000Z')!;
    const items = observationItems([known, anObservation({ observationId: 'o2' }), assessed], () => 'post_truce');
    expect(items.map((i) => [i.id, i.party, i.assessment])).toEqual([
      ['o1', 'AZE', 'ceasefire_violation'],
      ['o2', null, 'undetermined'],
    ]);
    const [day] = timeSeries(items, bucketBounds(Date.parse('2020-10-10T00:00:00Z'), Date.parse('2020-10-11T00:00:00Z'), 'day', 'UTC')!, 'party');
    expect(day.total).toEqual({ breaches: 0, observations: 2, violationsObserved: 1, killed: 0, injured: 0 });
    expect(Object.keys(day.groups).sort()).toEqual(['AZE', 'undetermined']);
  });
});
