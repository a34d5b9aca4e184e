import { BucketBounds } from './time-buckets';
import { CountableItem } from './countable-item';

export type GroupBy = 'party' | 'weapon' | 'zone' | 'classification' | 'verification';
export const GROUP_BYS: readonly GroupBy[] = ['party', 'weapon', 'zone', 'classification', 'verification'];

/** The key of the group of items that name no party, weapon or zone. */
export const UNSPECIFIED = 'unspecified';

export interface BucketTotal {
  breaches: number;
  observations: number;
  /** Observations assessed `ceasefire_violation` by the monitors themselves. */
  violationsObserved: number;
  killed: number;
  injured: number;
}

export type GroupTotal = Omit<BucketTotal, 'violationsObserved'>;

export interface SeriesBucket {
  start: string;
  end: string;
  total: BucketTotal;
  groups: Record<string, GroupTotal>;
}

/**
 * Whether an item counts (DOMAIN.md): post-truce, and for a breach not refuted. A split by
 * classification shows what is counted apart (pre-truce, ambiguous, after the end), and a split
 * by verification keeps refuted claims (as `byVerification` does), so each relaxes its own rule.
 */
function counts(item: CountableItem, by: GroupBy | null): boolean {
  const postTruce = item.classification === 'post_truce' || by === 'classification';
  const standing = item.kind === 'observation' || item.verification !== 'refuted' || by === 'verification';
  return postTruce && standing;
}

function keysOf(item: CountableItem, by: GroupBy): string[] {
  const orUnspecified = (keys: string[]) => (keys.length ? [...new Set(keys)] : [UNSPECIFIED]);
  switch (by) {
    case 'party':
      // An observation counts against a party only when its origin names one.
      return [item.party ?? (item.kind === 'observation' ? 'undetermined' : UNSPECIFIED)];
    case 'weapon':
      return orUnspecified(item.weapons);
    case 'zone':
      return orUnspecified(item.zones);
    case 'classification':
      return [item.classification];
    case 'verification':
      // Observations are not verified but assessed: their assessment is their key.
      return [item.kind === 'breach' ? item.verification! : (item.assessment ?? 'undetermined')];
  }
}

const zeroTotal = (): BucketTotal => ({ breaches: 0, observations: 0, violationsObserved: 0, killed: 0, injured: 0 });
const zeroGroup = (): GroupTotal => ({ breaches: 0, observations: 0, killed: 0, injured: 0 });

function add(into: GroupTotal | BucketTotal, item: CountableItem): void {
  if (item.kind === 'breach') {
    into.breaches += 1;
    into.killed += item.killed;
    into.injured += item.injured;
  } else {
    into.observations += 1;
    if ('violationsObserved' in into && item.assessment === 'ceasefire_violation') into.violationsObserved += 1;
  }
}

/**
 * Counts items into buckets (pure): each item goes to the bucket holding its `occurredFrom`;
 * `total` counts what DOMAIN.md counts, `groups` splits the items `by` one dimension (an item
 * with two weapons or in two zones is in both groups, so groups may add up to more than total).
 * Items outside every bucket are ignored; buckets with nothing are present, all zeros.
 */
export function timeSeries(items: readonly CountableItem[], buckets: readonly BucketBounds[], by: GroupBy): SeriesBucket[] {
  const out: SeriesBucket[] = buckets.map((b) => ({
    start: new Date(b.start).toISOString(),
    end: new Date(b.end).toISOString(),
    total: zeroTotal(),
    groups: {},
  }));
  for (const item of items) {
    const index = bucketIndex(buckets, item.occurredFrom);
    if (index < 0) continue;
    const bucket = out[index];
    if (counts(item, null)) add(bucket.total, item);
    if (!counts(item, by)) continue;
    for (const key of keysOf(item, by)) add((bucket.groups[key] ??= zeroGroup()), item);
  }
  return out;
}

/** Binary search over sorted, contiguous buckets; -1 outside them. */
function bucketIndex(buckets: readonly BucketBounds[], instant: number): number {
  let lo = 0;
  let hi = buckets.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (instant < buckets[mid].start) hi = mid - 1;
    else if (instant >= buckets[mid].end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
