import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadEndpoint } from '../common/http/openapi/read-endpoint.decorator';
import { PageQueryDto } from '../common/http/page-query.dto';
import { UUID_404 } from '../common/http/uuid-param';
import { ReadConsistency } from '../event-store/read-consistency';
import { TruceSummary } from './domain/truce-summary';
import { GetTruceHistoryQuery, GetTruceStatusQuery, ListTrucesQuery, TruceHistory, TrucePage } from './truce-record.queries';
import { TRUCE_SUMMARY_EXAMPLES } from './truce-record.examples';
import { TruceHistorySchema, TrucePageSchema, TruceSummarySchema } from './truce-record.schemas';
import { HistoryQueryDto, TruceStatusQueryDto } from './truce-record.dto';

/**
 * The reads that combine a truce with its incidents: status, the two clocks, the timeline. Their
 * operationIds are the ones they had when TrucesController served them, so clients generated
 * from the OpenAPI document keep their method names.
 */
@ApiTags('truces')
@Controller('truces')
export class TruceRecordController {
  constructor(
    private readonly queries: QueryBus,
    private readonly consistency: ReadConsistency,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Truces, newest first', operationId: 'TrucesController_list' })
  @ReadEndpoint(TrucePageSchema, { noPathId: true })
  async list(@Query() query: PageQueryDto): Promise<TrucePage> {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new ListTrucesQuery(query.limit ?? 20, query.cursor));
  }

  @Get(':truceId')
  @ApiOperation({ summary: 'Status of a truce at valid time `at`, as recorded at `asOf`', operationId: 'TrucesController_status' })
  @ReadEndpoint(TruceSummarySchema, { examples: TRUCE_SUMMARY_EXAMPLES })
  async status(@Param('truceId', UUID_404) truceId: string, @Query() query: TruceStatusQueryDto): Promise<TruceSummary> {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new GetTruceStatusQuery(truceId, query.at, query.asOf));
  }

  @Get(':truceId/history')
  @ApiOperation({
    summary: 'Every event of the truce and its incidents, in global order, a page at a time',
    description: 'Paged like GET /events: pass the `nextAfter` of a page as `after` for the next one.',
    operationId: 'TrucesController_history',
  })
  @ReadEndpoint(TruceHistorySchema)
  async history(@Param('truceId', UUID_404) truceId: string, @Query() query: HistoryQueryDto): Promise<TruceHistory> {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new GetTruceHistoryQuery(truceId, query.after ?? 0, query.limit ?? 100));
  }
}
