import { bucketBounds } from './time-buckets';
import { CountableItem } from './countable-item';
import { timeSeries } from './time-series';

const ms = (iso: string) => Date.parse(iso);

function item(overrides: Partial<CountableItem> = {}): CountableItem {
  return {
    id: 'i',
    kind: 'breach',
    occurredFrom: ms('2020-10-10T08:07:00Z'),
    classification: 'post_truce',
    verification: 'unverified',
    assessment: null,
    party: 'AZE',
    weapons: ['artillery'],
    zones: [],
    killed: 1,
    injured: 2,
    ...overrides,
  };
}

const observation = (overrides: Partial<CountableItem> = {}) =>
  item({ kind: 'observation', verification: null, assessment: 'ceasefire_violation', party: null, weapons: [], killed: 0, injured: 0, ...overrides });

describe('timeSeries', () => {
  const days = bucketBounds(ms('2020-10-09T20:00:00Z'), ms('2020-10-12T20:00:00Z'), 'day', 'Asia/Baku')!;

  it('puts an item in the local day of its `from` and keeps empty days as zeros', () => {
    // 20:30Z on 10 October is already 11 October in Baku.
    const series = timeSeries([item(), item({ id: 'late', occurredFrom: ms('2020-10-10T20:30:00Z'), killed: 0, injured: 0 })], days, 'party');
    expect(series.map((b) => [b.start, b.total.breaches])).toEqual([
      ['2020-10-09T20:00:00.000Z', 1],
      ['2020-10-10T20:00:00.000Z', 1],
      ['2020-10-11T20:00:00.000Z', 0],
    ]);
    expect(series[0].total).toEqual({ breaches: 1, observations: 0, violationsObserved: 0, killed: 1, injured: 2 });
    expect(series[2].groups).toEqual({});
  });

  it('counts only post-truce, non-refuted breaches in the totals and the party split', () => {
    const items = [item(), item({ verification: 'refuted' }), item({ classification: 'pre_truce' }), item({ classification: 'ambiguous', party: 'ARM' })];
    const [day] = timeSeries(items, days, 'party');
    expect(day.total.breaches).toBe(1);
    expect(day.groups).toEqual({ AZE: { breaches: 1, observations: 0, killed: 1, injured: 2 } });
  });

  it('by classification shows what is counted apart; by verification keeps refuted claims', () => {
    const items = [item(), item({ verification: 'refuted' }), item({ classification: 'pre_truce' }), item({ classification: 'ambiguous' })];
    const [byClass] = timeSeries(items, days, 'classification');
    expect(Object.fromEntries(Object.entries(byClass.groups).map(([k, g]) => [k, g.breaches]))).toEqual({ post_truce: 1, pre_truce: 1, ambiguous: 1 });
    const [byVerification] = timeSeries(items, days, 'verification');
    expect(Object.fromEntries(Object.entries(byVerification.groups).map(([k, g]) => [k, g.breaches]))).toEqual({ unverified: 1, refuted: 1 });
  });

  it('counts observations apart, violations observed among them, against a party only when the origin names one', () => {
    const items = [observation(), observation({ assessment: 'undetermined' }), observation({ party: 'ARM', assessment: 'not_a_violation' })];
    const [day] = timeSeries(items, days, 'party');
    expect(day.total).toEqual({ breaches: 0, observations: 3, violationsObserved: 1, killed: 0, injured: 0 });
    expect(day.groups).toEqual({
      undetermined: { breaches: 0, observations: 2, killed: 0, injured: 0 },
      ARM: { breaches: 0, observations: 1, killed: 0, injured: 0 },
    });
  });

  it('splits by weapon and zone, an item in each of its groups, none under `unspecified`', () => {
    const items = [item({ weapons: ['artillery', 'drone'], zones: ['kapan'] }), item({ weapons: [], zones: [] })];
    const [byWeapon] = timeSeries(items, days, 'weapon');
    expect(Object.keys(byWeapon.groups).sort()).toEqual(['artillery', 'drone', 'unspecified']);
    expect(byWeapon.total.breaches).toBe(2);
    const [byZone] = timeSeries(items, days, 'zone');
    expect(byZone.groups.kapan.breaches).toBe(1);
    expect(byZone.groups.unspecified.breaches).toBe(1);
  });

  it('ignores items outside every bucket', () => {
    const series = timeSeries([item({ occurredFrom: ms('2020-10-09T19:59:59Z') }), item({ occurredFrom: ms('2020-10-12T20:00:00Z') })], days, 'party');
    expect(series.every((b) => b.total.breaches === 0)).toBe(true);
  });
});
