import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { ReadEndpoint, ReadProblems } from '../common/http/openapi/read-endpoint.decorator';
import { UUID_404 } from '../common/http/uuid-param';
import { WriteEndpoint } from '../common/http/write-endpoint.decorator';
import { ReadConsistency } from '../event-store/read-consistency';
import { Write } from '../write-path/write-context.decorator';
import { WriteContext } from '../write-path/write-context';
import { ReportState } from './domain/report';
import { PublishReportDto, TimeSeriesQueryDto } from './publish.dto';
import { ReportPageSchema, ReportPublishedResultSchema, ReportSchema, TimeSeriesSchema } from './publish.schemas';
import { PublishReportMessage, ReportPublishedResult } from './report.command-handler';
import { GetReportMarkdownQuery, GetReportQuery, ListReportsQuery, ReportPage } from './reports.queries';
import { GetTimeSeriesQuery, TimeSeries } from './time-series.query';

/** What monitors publish about a truce: its time series, and its periodic reports. */
@ApiTags('publish')
@Controller('truces/:truceId')
export class TrucePublicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly consistency: ReadConsistency,
  ) {}

  @Get('timeseries')
  @ApiOperation({
    summary: 'Breaches, observations and casualties per local day, ISO week or month, split by party, weapon, zone, classification or verification',
    description:
      'Each incident or observation goes to the bucket of the start of its window. Bucket boundaries are local (a day in Asia/Baku starts at 20:00Z; ' +
      'a day on which clocks change lasts 23 or 25 hours). The range [from, to) is widened to whole buckets; empty ones are present as zeros.',
  })
  @ReadEndpoint(TimeSeriesSchema)
  async timeseries(@Param('truceId', UUID_404) truceId: string, @Query() query: TimeSeriesQueryDto): Promise<TimeSeries> {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(
      new GetTimeSeriesQuery({
        truceId,
        interval: query.interval ?? 'day',
        tz: query.tz ?? 'UTC',
        by: query.by ?? 'party',
        from: query.from,
        to: query.to,
        at: query.at,
        asOf: query.asOf,
      }),
    );
  }

  @Post('reports')
  @RequireRole('verifier')
  @ApiOperation({
    summary: 'Publish a report for a period: its figures computed as recorded now, with the signed checkpoint of that log',
    description:
      '`supersedes` names a published report of this truce that this one corrects (422 otherwise); a report already superseded cannot be ' +
      "superseded again (409 REPORT.ALREADY_SUPERSEDED: supersede the newer one). If-Match compares with the version of the truce's reports stream.",
  })
  @WriteEndpoint(ReportPublishedResultSchema)
  publish(@Param('truceId', UUID_404) truceId: string, @Body() body: PublishReportDto, @Write() ctx: WriteContext): Promise<ReportPublishedResult> {
    const command = {
      truceId,
      title: body.title,
      period: { from: body.period.from, to: body.period.to },
      tz: body.tz,
      summary: body.summary ?? null,
      supersedes: body.supersedes?.toLowerCase() ?? null,
    };
    return this.commands.execute(new PublishReportMessage(command, ctx));
  }

  @Get('reports')
  @ApiOperation({ summary: "The truce's published reports, newest first" })
  @ReadEndpoint(ReportPageSchema)
  async reports(@Param('truceId', UUID_404) truceId: string, @Query() query: ConsistencyQueryDto): Promise<ReportPage> {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new ListReportsQuery(truceId));
  }
}

@ApiTags('publish')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly consistency: ReadConsistency,
  ) {}

  @Get(':reportId.md')
  @Header('Content-Type', 'text/markdown; charset=utf-8')
  @ApiOperation({ summary: 'The report as a Markdown document a mission can publish as is: figures, tallies, incidents, and how to verify it' })
  @ApiProduces('text/markdown')
  @ApiOkResponse({ description: 'CommonMark with tables', schema: { type: 'string', example: '# Daily report, 10 October 2020 (Baku time)\n…' } })
  @ReadProblems()
  async markdown(@Param('reportId', UUID_404) reportId: string, @Query() query: ConsistencyQueryDto): Promise<string> {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new GetReportMarkdownQuery(reportId));
  }

  @Get(':reportId')
  @ApiOperation({ summary: 'A published report, and the report that supersedes it, if any' })
  @ReadEndpoint(ReportSchema)
  async get(@Param('reportId', UUID_404) reportId: string, @Query() query: ConsistencyQueryDto): Promise<ReportState> {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new GetReportQuery(reportId));
  }
}
