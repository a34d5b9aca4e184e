import { bucketBounds, bucketStart, localTime } from './time-buckets';

const ms = (iso: string) => Date.parse(iso);
const iso = (b: { start: number; end: number }) => [new Date(b.start).toISOString(), new Date(b.end).toISOString()];

describe('local bucket boundaries', () => {
  it('a day in Asia/Baku (UTC+4) starts at 20:00Z the day before', () => {
    const buckets = bucketBounds(ms('2020-10-10T08:00:00Z'), ms('2020-10-10T09:00:00Z'), 'day', 'Asia/Baku')!;
    expect(buckets.map(iso)).toEqual([['2020-10-09T20:00:00.000Z', '2020-10-10T20:00:00.000Z']]);
  });

  it('the day clocks go back in Europe/Kyiv lasts 25 hours, and the days around it 24', () => {
    const buckets = bucketBounds(ms('2020-10-24T12:00:00Z'), ms('2020-10-26T12:00:00Z'), 'day', 'Europe/Kyiv')!;
    expect(buckets.map(iso)).toEqual([
      ['2020-10-23T21:00:00.000Z', '2020-10-24T21:00:00.000Z'],
      ['2020-10-24T21:00:00.000Z', '2020-10-25T22:00:00.000Z'],
      ['2020-10-25T22:00:00.000Z', '2020-10-26T22:00:00.000Z'],
    ]);
    expect(buckets.map((b) => (b.end - b.start) / 3_600_000)).toEqual([24, 25, 24]);
  });

  it('the day clocks go forward in Europe/Berlin lasts 23 hours', () => {
    const [bucket] = bucketBounds(ms('2020-03-29T10:00:00Z'), ms('2020-03-29T11:00:00Z'), 'day', 'Europe/Berlin')!;
    expect(iso(bucket)).toEqual(['2020-03-28T23:00:00.000Z', '2020-03-29T22:00:00.000Z']);
  });

  it('an ISO week starts on Monday, local midnight', () => {
    // Saturday 10 October 2020: its week began on Monday 5 October.
    expect(new Date(bucketStart(ms('2020-10-10T12:00:00Z'), 'week', 'UTC')).toISOString()).toBe('2020-10-05T00:00:00.000Z');
    expect(new Date(bucketStart(ms('2020-10-10T12:00:00Z'), 'week', 'Asia/Baku')).toISOString()).toBe('2020-10-04T20:00:00.000Z');
    // Sunday 20:30Z in Baku is already Monday 00:30 local: the next week.
    expect(new Date(bucketStart(ms('2020-10-11T20:30:00Z'), 'week', 'Asia/Baku')).toISOString()).toBe('2020-10-11T20:00:00.000Z');
  });

  it('a week across the Kyiv clock change lasts 169 hours', () => {
    const [week] = bucketBounds(ms('2020-10-20T00:00:00Z'), ms('2020-10-20T01:00:00Z'), 'week', 'Europe/Kyiv')!;
    expect(iso(week)).toEqual(['2020-10-18T21:00:00.000Z', '2020-10-25T22:00:00.000Z']);
  });

  it('a month runs from the local first to the next, across a clock change', () => {
    const buckets = bucketBounds(ms('2020-10-15T00:00:00Z'), ms('2020-11-15T00:00:00Z'), 'month', 'Europe/Berlin')!;
    expect(buckets.map(iso)).toEqual([
      ['2020-09-30T22:00:00.000Z', '2020-10-31T23:00:00.000Z'],
      ['2020-10-31T23:00:00.000Z', '2020-11-30T23:00:00.000Z'],
    ]);
  });

  it('widens [from, to) to whole buckets: `to` on a boundary adds no empty bucket after it', () => {
    const buckets = bucketBounds(ms('2020-10-10T00:00:00Z'), ms('2020-10-13T00:00:00Z'), 'day', 'UTC')!;
    expect(buckets).toHaveLength(3);
    expect(bucketBounds(ms('2020-10-10T05:00:00Z'), ms('2020-10-13T00:00:01Z'), 'day', 'UTC')).toHaveLength(4);
  });

  it('refuses more than the maximum number of buckets', () => {
    expect(bucketBounds(ms('2020-01-01T00:00:00Z'), ms('2021-12-31T00:00:00Z'), 'day', 'UTC', 400)).toBeNull();
    expect(bucketBounds(ms('2020-01-01T00:00:00Z'), ms('2021-12-31T00:00:00Z'), 'week', 'UTC', 400)).toHaveLength(105);
  });

  it('writes local wall time with its offset', () => {
    expect(localTime('2020-10-09T20:00:00Z', 'Asia/Baku')).toBe('2020-10-10 00:00 (UTC+04:00)');
  });
});
