import { DateTime } from 'luxon';

export type Interval = 'day' | 'week' | 'month';
export const INTERVALS: readonly Interval[] = ['day', 'week', 'month'];

/** A bucket of occurrence time: [start, end) in ms since the epoch. */
export interface BucketBounds {
  start: number;
  end: number;
}

/** No answer holds more buckets than this: a wider range is refused (400), not computed. */
export const MAX_BUCKETS = 400;

/**
 * The local calendar buckets, in time zone `tz`, that cover [from, to): the first is the one that
 * contains `from`, the last the one that contains the instant just before `to`, so a range is
 * widened to whole buckets. Boundaries are local midnights (a `week` is ISO: it starts on
 * Monday) found by Luxon from the zone's rules — never by adding a fixed offset — so a day in
 * which clocks change lasts 23 or 25 hours. Returns null beyond `max` buckets.
 */
export function bucketBounds(from: number, to: number, interval: Interval, tz: string, max = MAX_BUCKETS): BucketBounds[] | null {
  const buckets: BucketBounds[] = [];
  let start = DateTime.fromMillis(from, { zone: tz }).startOf(interval, { useLocaleWeeks: false });
  while (start.toMillis() < to) {
    if (buckets.length >= max) return null;
    const end = start.plus({ [`${interval}s`]: 1 }).startOf(interval, { useLocaleWeeks: false });
    buckets.push({ start: start.toMillis(), end: end.toMillis() });
    start = end;
  }
  return buckets;
}

/** The start of the local bucket containing `instant` (ms). */
export function bucketStart(instant: number, interval: Interval, tz: string): number {
  return DateTime.fromMillis(instant, { zone: tz }).startOf(interval, { useLocaleWeeks: false }).toMillis();
}

/** An instant as local wall time in `tz`, e.g. `2020-10-10 00:00 (+04:00)`, for documents. */
export function localTime(instant: number | string, tz: string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return DateTime.fromMillis(ms, { zone: tz }).toFormat("yyyy-LL-dd HH:mm '(UTC'ZZ')'");
}
