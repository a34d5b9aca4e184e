import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireRole } from '../auth/require-role.decorator';
import { WriteContext, WriteResult } from '../common/application/write-context';
import { withEtag } from '../common/http/etag';
import { CasualtyRangeSchema } from '../common/http/openapi/casualties.schema';
import { IncidentSchema } from '../common/http/openapi/incident.schema';
import { IncidentPageSchema } from '../common/http/openapi/pages.schema';
import { ReadEndpoint } from '../common/http/openapi/read-endpoint.decorator';
import { WriteEndpoint } from '../common/http/openapi/write-endpoint.decorator';
import { IncidentReportedSchema, WriteResultSchema } from '../common/http/openapi/write-result.schema';
import { UUID_404 } from '../common/http/uuid-param';
import { Write } from '../common/http/write-context.decorator';
import { ReadConsistency } from '../event-store/read-consistency';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { ChangeVerificationCommand } from './commands/change-verification/change-verification.command';
import { ChangeVerificationDto } from './commands/change-verification/change-verification.dto';
import { DenyBreachCommand } from './commands/deny-breach/deny-breach.command';
import { DenyBreachDto } from './commands/deny-breach/deny-breach.dto';
import { DetermineAttributionCommand } from './commands/determine-attribution/determine-attribution.command';
import { DetermineAttributionDto } from './commands/determine-attribution/determine-attribution.dto';
import { ReportBreachCommand, ReportBreachResult } from './commands/report-breach/report-breach.command';
import { ReportBreachDto } from './commands/report-breach/report-breach.dto';
import { RetractReportCommand } from './commands/retract-report/retract-report.command';
import { RetractReportDto } from './commands/retract-report/retract-report.dto';
import { ReviseCasualtiesCommand } from './commands/revise-casualties/revise-casualties.command';
import { ReviseCasualtiesDto } from './commands/revise-casualties/revise-casualties.dto';
import { GetIncidentQuery } from './queries/get-incident/get-incident.query';
import { ListIncidentsQueryDto } from './queries/list-incidents/list-incidents.dto';
import { ListIncidentsQuery } from './queries/list-incidents/list-incidents.query';

@ApiTags('incidents')
// Casualty figures (bodies and responses here) refer to it from a oneOf, which does not register it.
@ApiExtraModels(CasualtyRangeSchema)
@Controller()
export class IncidentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly consistency: ReadConsistency,
  ) {}

  @Post('truces/:truceId/incidents')
  @RequireRole('reporter')
  @ApiOperation({ summary: 'Report an incident: a breach alleged by one party (or a monitor) against another' })
  @WriteEndpoint(IncidentReportedSchema, { newStream: true })
  async report(
    @Param('truceId', UUID_404) truceId: string,
    @Body() body: ReportBreachDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ReportBreachResult> {
    return withEtag(res, await this.commands.execute(new ReportBreachCommand(truceId, body, ctx)));
  }

  @Get('truces/:truceId/incidents')
  @ApiOperation({ summary: "A truce's incidents, filtered, in the order reported" })
  @ReadEndpoint(IncidentPageSchema)
  async list(@Param('truceId', UUID_404) truceId: string, @Query() query: ListIncidentsQueryDto) {
    const { minPosition, ...filter } = query;
    await this.consistency.waitFor(minPosition);
    return this.queries.execute(new ListIncidentsQuery(truceId, filter));
  }

  @Get('incidents/:incidentId')
  @ApiOperation({ summary: 'One incident with its denials, verification history and attribution' })
  @ReadEndpoint(IncidentSchema)
  async get(@Param('incidentId', UUID_404) incidentId: string, @Query() query: ConsistencyQueryDto) {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new GetIncidentQuery(incidentId));
  }

  @Post('incidents/:incidentId/denials')
  @RequireRole('reporter')
  @ApiOperation({ summary: 'Record that a party denied the incident' })
  @WriteEndpoint(WriteResultSchema)
  async deny(
    @Param('incidentId', UUID_404) incidentId: string,
    @Body() body: DenyBreachDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new DenyBreachCommand(incidentId, body, ctx)));
  }

  @Post('incidents/:incidentId/verifications')
  @RequireRole('verifier')
  @ApiOperation({ summary: "Record a monitor's verification finding" })
  @WriteEndpoint(WriteResultSchema)
  async verify(
    @Param('incidentId', UUID_404) incidentId: string,
    @Body() body: ChangeVerificationDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new ChangeVerificationCommand(incidentId, body, ctx)));
  }

  @Post('incidents/:incidentId/casualty-revisions')
  @RequireRole('reporter')
  @ApiOperation({ summary: "Revise the incident's casualty figures (the latest revision counts)" })
  @WriteEndpoint(WriteResultSchema)
  async reviseCasualties(
    @Param('incidentId', UUID_404) incidentId: string,
    @Body() body: ReviseCasualtiesDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new ReviseCasualtiesCommand(incidentId, body, ctx)));
  }

  @Post('incidents/:incidentId/retractions')
  @RequireRole('reporter')
  @ApiOperation({ summary: 'Record that the reporter retracted the report: it then counts nowhere' })
  @WriteEndpoint(WriteResultSchema)
  async retract(
    @Param('incidentId', UUID_404) incidentId: string,
    @Body() body: RetractReportDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new RetractReportCommand(incidentId, body, ctx)));
  }

  @Post('incidents/:incidentId/attributions')
  @RequireRole('verifier')
  @ApiOperation({ summary: "Record a monitor's attribution finding (a party, or not_attributable)" })
  @WriteEndpoint(WriteResultSchema)
  async attribute(
    @Param('incidentId', UUID_404) incidentId: string,
    @Body() body: DetermineAttributionDto,
    @Write() ctx: WriteContext,
    @Res({ passthrough: true }) res: Response,
  ): Promise<WriteResult> {
    return withEtag(res, await this.commands.execute(new DetermineAttributionCommand(incidentId, body, ctx)));
  }
}
