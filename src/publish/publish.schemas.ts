import { ApiExtraModels, ApiProperty, ApiPropertyOptions, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import { EXAMPLE_COUNTER_INCIDENT_ID, EXAMPLE_INCIDENT_ID, EXAMPLE_REPORT_ID, EXAMPLE_TRUCE_ID } from '../common/http/openapi/reference-case.examples';
import { CheckpointSchema } from '../event-store/transparency/transparency.schemas';
import { TruceSummarySchema } from '../truce-record/truce-record.schemas';
import type { ReportState } from './domain/report';
import type { ReportFigures } from './domain/report-figures';
import { INTERVALS, Interval } from './domain/time-buckets';
import { BucketTotal, GROUP_BYS, GroupBy, GroupTotal, SeriesBucket } from './domain/time-series';
import type { ReportPublishedResult } from './report.command-handler';
import type { ReportPage } from './reports.queries';
import type { TimeSeries } from './time-series.query';

/** A count, with its value in the example: the first day of the Moscow truce (three breaches alleged, one civilian killed). */
const count = (description?: string, example = 0): ApiPropertyOptions => ({ type: 'integer', minimum: 0, description, example });

@ApiSchema({ name: 'TimeSeriesGroup', description: "One group's counts in a bucket" })
export class GroupTotalSchema implements GroupTotal {
  @ApiProperty(count('Breaches of the group (post-truce, not refuted — except where the split is by classification or verification)'))
  breaches: number;

  @ApiProperty(count('Observations of the group, counted as records'))
  observations: number;

  @ApiProperty(count("Killed: best figures of the group's breaches"))
  killed: number;

  @ApiProperty(count("Injured: best figures of the group's breaches"))
  injured: number;
}

@ApiSchema({ name: 'TimeSeriesTotal', description: 'What a bucket counts (docs/domain.md)' })
export class BucketTotalSchema implements BucketTotal {
  @ApiProperty(count('Post-truce breaches, neither retracted nor refuted', 3))
  breaches: number;

  @ApiProperty(count('Post-truce observations, not withdrawn'))
  observations: number;

  @ApiProperty(count('Of those, the ones monitors assessed a ceasefire violation'))
  violationsObserved: number;

  @ApiProperty(count('Killed: best figures of the breaches counted', 1))
  killed: number;

  @ApiProperty(count('Injured: best figures of the breaches counted'))
  injured: number;
}

@ApiSchema({ name: 'TimeSeriesBucket', description: 'One local bucket of occurrence time, [start, end)' })
@ApiExtraModels(GroupTotalSchema)
export class SeriesBucketSchema implements SeriesBucket {
  @ApiProperty({ format: 'date-time', description: 'Local start of the bucket, as a UTC instant', example: '2020-10-09T20:00:00.000Z' })
  start: string;

  @ApiProperty({
    format: 'date-time',
    description: 'Local end of the bucket (the next one starts there), as a UTC instant',
    example: '2020-10-10T20:00:00.000Z',
  })
  end: string;

  @ApiProperty({ type: BucketTotalSchema })
  total: BucketTotalSchema;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(GroupTotalSchema) },
    description:
      'Per key of `by`: party id (or `undetermined` for an observation of no named origin), weapon, zone id, classification, or verification ' +
      "status (an observation's assessment); `unspecified` for items naming no weapon or zone. An item with two weapons or zones is in both groups.",
    example: { AZE: { breaches: 1, observations: 0, killed: 1, injured: 0 } },
  })
  groups: Record<string, GroupTotalSchema>;
}

@ApiSchema({ name: 'TimeSeries', description: 'Counts per local bucket of occurrence time, at valid time `at`, as recorded at `asOf`' })
export class TimeSeriesSchema implements TimeSeries {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRUCE_ID })
  truceId: string;

  @ApiProperty({ enum: INTERVALS, example: 'day' })
  interval: Interval;

  @ApiProperty({ example: 'Asia/Baku' })
  tz: string;

  @ApiProperty({ enum: GROUP_BYS, example: 'party' })
  by: GroupBy;

  @ApiProperty({ format: 'date-time', example: '2020-10-11T20:00:00Z' })
  at: string;

  @ApiProperty({ format: 'date-time', example: '2020-10-11T20:00:00Z' })
  asOf: string;

  @ApiProperty({ type: [SeriesBucketSchema], description: 'Every bucket of the range, in order; those with nothing hold zeros' })
  buckets: SeriesBucketSchema[];
}

@ApiSchema({ name: 'ReportPeriod' })
export class ReportPeriodSchema {
  @ApiProperty({ format: 'date-time', example: '2020-10-09T20:00:00Z' })
  from: string;

  @ApiProperty({ format: 'date-time', description: 'Excluded', example: '2020-10-10T20:00:00Z' })
  to: string;
}

@ApiSchema({ name: 'ReportFigures', description: "The period's figures, as recorded at the report's asOf" })
export class ReportFiguresSchema implements ReportFigures {
  @ApiProperty({ type: TruceSummarySchema, description: 'The truce summary restricted to what occurred in the period; `at` is the end of the period' })
  summary: TruceSummarySchema;

  @ApiProperty({ type: [SeriesBucketSchema], description: 'Local days of the period, split by party' })
  timeseries: SeriesBucketSchema[];
}

@ApiSchema({ name: 'ReportPublished', description: 'The report was published: its id, the record time it froze, and the checkpoint of that log' })
export class ReportPublishedResultSchema implements ReportPublishedResult {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_REPORT_ID })
  reportId: string;

  @ApiProperty({ format: 'date-time', description: 'Record time of the figures', example: '2020-10-10T21:00:00Z' })
  asOf: string;

  @ApiProperty({ type: CheckpointSchema, description: 'A signed checkpoint of a log holding every event recorded up to asOf' })
  checkpoint: CheckpointSchema;

  @ApiProperty({ type: 'integer', minimum: 1, example: 12 })
  position: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: "Version of the truce's reports stream (what If-Match compares with)", example: 1 })
  streamVersion: number;
}

@ApiSchema({ name: 'Report', description: 'A published report: never edited; a correction is a new report that supersedes it' })
export class ReportSchema implements ReportState {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_REPORT_ID })
  reportId: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRUCE_ID })
  truceId: string;

  @ApiProperty({ example: 'Moscow truce, day 1 (10 October 2020)' })
  title: string;

  @ApiProperty({ type: ReportPeriodSchema })
  period: ReportPeriodSchema;

  @ApiProperty({ example: 'Asia/Baku' })
  tz: string;

  @ApiProperty({ type: String, nullable: true, description: 'Free text', example: 'Accusations both ways, each denied; none independently verified.' })
  summary: string | null;

  @ApiProperty({ format: 'date-time', example: '2020-10-10T21:00:00Z' })
  asOf: string;

  @ApiProperty({ type: CheckpointSchema })
  checkpoint: CheckpointSchema;

  @ApiProperty({ type: ReportFiguresSchema })
  figures: ReportFiguresSchema;

  @ApiProperty({
    type: [String],
    description: 'Ids of the incidents (not retracted at asOf) that occurred in the period',
    example: [EXAMPLE_INCIDENT_ID, EXAMPLE_COUNTER_INCIDENT_ID],
  })
  incidents: string[];

  @ApiProperty({ type: [String], description: 'Ids of the observations (not withdrawn at asOf) made in the period', example: [] })
  observations: string[];

  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null })
  supersedes: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The report that corrects this one, if any', example: null })
  supersededBy: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the report was recorded', example: '2020-10-10T21:05:00Z' })
  recordedAt: string;
}

@ApiSchema({ name: 'ReportPage', description: "A truce's reports, newest first" })
export class ReportPageSchema implements ReportPage {
  @ApiProperty({ type: [ReportSchema] })
  items: ReportSchema[];
}
