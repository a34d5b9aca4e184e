import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { IsInstant, IsTimeZone, MayBeOmitted, NestedObject, OptionalOneOf, OptionalText, RequiredText } from '../common/http/validators';
import { Interval, INTERVALS, MAX_BUCKETS } from './domain/time-buckets';
import { GroupBy, GROUP_BYS } from './domain/time-series';

/** GET /truces/{id}/timeseries (API.md, "What monitors publish"). */
export class TimeSeriesQueryDto extends ConsistencyQueryDto {
  @OptionalOneOf(INTERVALS, { description: 'Bucket size: a local day, an ISO week (from Monday) or a local month (default day)' })
  interval?: Interval;

  @ApiPropertyOptional({ description: 'IANA time zone of the bucket boundaries, or UTC (default UTC)', example: 'Asia/Baku' })
  @MayBeOmitted()
  @IsTimeZone()
  tz?: string;

  @OptionalOneOf(GROUP_BYS, { description: 'How each bucket is split into groups (default party: accused, or origin of an observation)' })
  by?: GroupBy;

  @ApiPropertyOptional({
    description: `Start of the range (inclusive), widened to the start of its bucket. Default: the earlier of the effective instant and the first incident. At most ${MAX_BUCKETS} buckets.`,
    example: '2020-10-09T20:00:00Z',
  })
  @MayBeOmitted()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({
    description:
      'End of the range (exclusive), widened to the end of its bucket. Default: just after the later of the effective instant and the last incident by `at`.',
    example: '2020-10-12T20:00:00Z',
  })
  @MayBeOmitted()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'Valid time: count what had occurred by this instant (default now)' })
  @MayBeOmitted()
  @IsInstant()
  at?: string;

  @ApiPropertyOptional({ description: 'Record time: count only events recorded at or before it (default now)' })
  @MayBeOmitted()
  @IsInstant()
  asOf?: string;
}

export class ReportPeriodDto {
  @ApiProperty({ description: 'Start of the period (inclusive), a UTC instant', example: '2020-10-09T20:00:00Z' })
  @IsInstant()
  from: string;

  @ApiProperty({ description: 'End of the period (exclusive), a UTC instant', example: '2020-10-10T20:00:00Z' })
  @IsInstant()
  to: string;
}

/** POST /truces/{id}/reports. */
export class PublishReportDto {
  @RequiredText(300, { example: 'Daily report, 10 October 2020 (Baku time)' })
  title: string;

  @ApiProperty({ type: ReportPeriodDto, description: 'What the report covers: what occurred in [from, to)' })
  @NestedObject(() => ReportPeriodDto)
  period: ReportPeriodDto;

  @ApiProperty({ description: 'IANA time zone the report counts days in, or UTC', example: 'Asia/Baku' })
  @IsTimeZone()
  tz: string;

  @OptionalText(20_000, { description: 'Free text: what the monitors make of the period' })
  summary?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The published report of this truce that this one corrects' })
  @MayBeOmitted()
  @IsUUID('all')
  supersedes?: string;
}
