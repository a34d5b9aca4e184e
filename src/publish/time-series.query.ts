import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '../common/clock';
import { RequestValidationError } from '../common/http/validation';
import { bucketBounds, Interval, MAX_BUCKETS } from './domain/time-buckets';
import { GroupBy, SeriesBucket, timeSeries } from './domain/time-series';
import { PublishedRecordReader } from './published-record.reader';

export interface TimeSeries {
  truceId: string;
  interval: Interval;
  tz: string;
  by: GroupBy;
  at: string;
  asOf: string;
  buckets: SeriesBucket[];
}

export interface TimeSeriesRequest {
  truceId: string;
  interval: Interval;
  tz: string;
  by: GroupBy;
  from?: string;
  to?: string;
  at?: string;
  asOf?: string;
}

/** Counts per local bucket of occurrence time (API.md, "What monitors publish"), with the two clocks. */
export class GetTimeSeriesQuery extends Query<TimeSeries> {
  constructor(readonly request: TimeSeriesRequest) {
    super();
  }
}

@QueryHandler(GetTimeSeriesQuery)
export class GetTimeSeriesHandler implements IQueryHandler<GetTimeSeriesQuery> {
  constructor(
    private readonly reader: PublishedRecordReader,
    private readonly clock: Clock,
  ) {}

  async execute({ request }: GetTimeSeriesQuery): Promise<TimeSeries> {
    const { truceId, interval, tz, by } = request;
    if (request.from !== undefined && request.to !== undefined && Date.parse(request.from) >= Date.parse(request.to)) {
      throw new RequestValidationError([{ field: 'to', message: 'to must be later than from' }]);
    }
    const now = this.clock.now().toISOString();
    const at = request.at ?? now;
    const asOf = request.asOf ?? now;
    const record = await this.reader.read(truceId, request.asOf);
    // Valid time: what had not yet occurred at `at` is not counted.
    const items = record.items.filter((i) => i.occurredFrom <= Date.parse(at));
    const effectiveAt = Date.parse(record.truce.effectiveAt);
    // (A loop, not Math.min(...all): a spread of many thousand arguments overflows the stack.)
    let first = effectiveAt;
    let last = effectiveAt;
    for (const item of items) {
      if (item.occurredFrom < first) first = item.occurredFrom;
      if (item.occurredFrom > last) last = item.occurredFrom;
    }
    const from = request.from !== undefined ? Date.parse(request.from) : first;
    // Just after the last thing that happened: the range ends with the bucket that holds it.
    const to = request.to !== undefined ? Date.parse(request.to) : Math.max(from, last) + 1;
    const buckets = bucketBounds(from, to, interval, tz, MAX_BUCKETS);
    if (!buckets) {
      throw new RequestValidationError([
        {
          field: request.from === undefined || request.to === undefined ? 'interval' : 'to',
          message: `the range holds more than ${MAX_BUCKETS} ${interval} buckets: narrow it with from and to, or choose a longer interval`,
        },
      ]);
    }
    return { truceId, interval, tz, by, at, asOf, buckets: timeSeries(items, buckets, by) };
  }
}
