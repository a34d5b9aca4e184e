import { observationItems, PublishableObservation } from './observation-items';
import { timeSeries } from './time-series';
import { bucketBounds } from './time-buckets';

function anObservation(overrides: Partial<PublishableObservation> = {}): PublishableObservation {
  return {
    observationId: 'o1',
    observedAt: { from: '2020-10-10T10:00:00.000Z', precision: 'hour' },
    weapons: ['artillery'],
    origin: 'undetermined',
    assessment: 'undetermined',
    withdrawn: null,
    ...overrides,
  };
}

describe('observations in the published figures', () => {
  const assessed = anObservation({
    origin: 'AZE',
    assessment: 'ceasefire_violation',
    withdrawn: { recordedAt: '2020-10-10T15:00:00.000Z' },
  });

  it('counts observations as records apart from breaches, a withdrawn one nowhere', () => {
    const items = observationItems([{ ...assessed, withdrawn: null }, anObservation({ observationId: 'o2' }), assessed], () => 'post_truce');
    expect(items.map((i) => [i.id, i.party, i.assessment])).toEqual([
      ['o1', 'AZE', 'ceasefire_violation'],
      ['o2', null, 'undetermined'],
    ]);
    const [day] = timeSeries(items, bucketBounds(Date.parse('2020-10-10T00:00:00Z'), Date.parse('2020-10-11T00:00:00Z'), 'day', 'UTC')!, 'party');
    expect(day.total).toEqual({ breaches: 0, observations: 2, violationsObserved: 1, killed: 0, injured: 0 });
    expect(Object.keys(day.groups).sort()).toEqual(['AZE', 'undetermined']);
  });
});
