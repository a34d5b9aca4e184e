import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { WriteContext, WriteResult } from '../common/application/write-context';
import { Write } from '../common/http/write-context.decorator';
import { RequireRole } from '../auth/require-role.decorator';
import { ReadConsistency } from '../event-store/read-consistency';
import { AgreeTruceCommand } from './commands/agree-truce/agree-truce.command';
import { AgreeTruceDto } from './commands/agree-truce/agree-truce.dto';
import { CollapseTruceCommand } from './commands/collapse-truce/collapse-truce.command';
import { CollapseTruceDto } from './commands/collapse-truce/collapse-truce.dto';
import { EndTruceCommand } from './commands/end-truce/end-truce.command';
import { EndTruceDto } from './commands/end-truce/end-truce.dto';
import { RecordMilestoneCommand } from './commands/record-milestone/record-milestone.command';
import { RecordMilestoneDto } from './commands/record-milestone/record-milestone.dto';
import { ResumeTruceCommand } from './commands/resume-truce/resume-truce.command';
import { ResumeTruceDto } from './commands/resume-truce/resume-truce.dto';
import { ReviseEffectiveTimeCommand } from './commands/revise-effective-time/revise-effective-time.command';
import { ReviseEffectiveTimeDto } from './commands/revise-effective-time/revise-effective-time.dto';
import { SuspendTruceCommand } from './commands/suspend-truce/suspend-truce.command';
import { SuspendTruceDto } from './commands/suspend-truce/suspend-truce.dto';
import { GetTruceHistoryQuery } from './queries/get-truce-history/get-truce-history.query';
import { GetTruceStatusQuery } from './queries/get-truce-status/get-truce-status.query';
import { ListTrucesQuery } from './queries/list-truces/list-truces.query';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { PageQueryDto, TruceStatusQueryDto } from './truces.dto';
import { UUID_404 } from '../common/http/uuid-param';
import { withEtag } from '../common/http/etag';
import { ReadEndpoint } from '../common/http/openapi/read-endpoint.decorator';
import { WriteEndpoint } from '../common/http/openapi/write-endpoint.decorator';
import { TruceCreatedSchema, WriteResultSchema } from '../common/http/openapi/write-result.schema';
import { TruceSummarySchema } from '../common/http/openapi/truce-summary.schema';
import { TruceHistorySchema, TrucePageSchema } from '../common/http/openapi/pages.schema';

@ApiTags('truces')
@Controller('truces')
export class TrucesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly consistency: ReadConsistency,
  ) {}

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Record a truce as agreed' })
  @WriteEndpoint(TruceCreatedSchema, { newStream: true, noPathId: true })
  async agree(@Body() body: AgreeTruceDto, @Write() ctx: WriteContext, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.commands.execute(new AgreeTruceCommand(body, ctx)));
  }

  @Get()
  @ApiOperation({ summary: 'Truces, newest first' })
  @ReadEndpoint(TrucePageSchema, { noPathId: true })
  async list(@Query() query: PageQueryDto) {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new ListTrucesQuery(query.limit ?? 20, query.cursor));
  }

  @Get(':truceId')
  @ApiOperation({ summary: 'Status of a truce at valid time `at`, as recorded at `asOf`' })
  @ReadEndpoint(TruceSummarySchema)
  async status(@Param('truceId', UUID_404) truceId: string, @Query() query: TruceStatusQueryDto) {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new GetTruceStatusQuery(truceId, query.at, query.asOf));
  }

  @Get(':truceId/history')
  @ApiOperation({ summary: 'Every event of the truce and its incidents, in global order' })
  @ReadEndpoint(TruceHistorySchema)
  async history(@Param('truceId', UUID_404) truceId: string, @Query() query: ConsistencyQueryDto) {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new GetTruceHistoryQuery(truceId));
  }

  @Post(':truceId/collapse')
  @HttpCode(201)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Record that the truce collapsed' })
  @WriteEndpoint(WriteResultSchema)
  async collapse(
    @Param('truceId', UUID_404) truceId: string,
    @Body() body: CollapseTruceDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new CollapseTruceCommand(truceId, body, ctx)));
  }

  @Post(':truceId/end')
  @HttpCode(201)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Record that the truce ended (expired, superseded, purpose fulfilled)' })
  @WriteEndpoint(WriteResultSchema)
  async end(
    @Param('truceId', UUID_404) truceId: string,
    @Body() body: EndTruceDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new EndTruceCommand(truceId, body, ctx)));
  }

  @Post(':truceId/effective-time')
  @HttpCode(201)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Revise the instant the truce took effect (incidents are classified against it)' })
  @WriteEndpoint(WriteResultSchema)
  async reviseEffectiveTime(
    @Param('truceId', UUID_404) truceId: string,
    @Body() body: ReviseEffectiveTimeDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new ReviseEffectiveTimeCommand(truceId, body, ctx)));
  }

  @Post(':truceId/suspend')
  @HttpCode(201)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Record that the truce was suspended (from `at`, default now)' })
  @WriteEndpoint(WriteResultSchema)
  async suspend(
    @Param('truceId', UUID_404) truceId: string,
    @Body() body: SuspendTruceDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new SuspendTruceCommand(truceId, body, ctx)));
  }

  @Post(':truceId/resume')
  @HttpCode(201)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Record that a suspended truce was resumed (from `at`, default now)' })
  @WriteEndpoint(WriteResultSchema)
  async resume(
    @Param('truceId', UUID_404) truceId: string,
    @Body() body: ResumeTruceDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new ResumeTruceCommand(truceId, body, ctx)));
  }

  @Post(':truceId/milestones')
  @HttpCode(201)
  @RequireRole('verifier')
  @ApiOperation({ summary: 'Record a purpose milestone (e.g. a prisoner exchange scheduled, completed or postponed)' })
  @WriteEndpoint(WriteResultSchema)
  async recordMilestone(
    @Param('truceId', UUID_404) truceId: string,
    @Body() body: RecordMilestoneDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new RecordMilestoneCommand(truceId, body, ctx)));
  }
}
