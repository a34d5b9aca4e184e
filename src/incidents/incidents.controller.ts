import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { RequireRole } from '../auth/require-role.decorator';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { ReadEndpoint } from '../common/http/openapi/read-endpoint.decorator';
import { WriteResultSchema } from '../common/http/openapi/write-result.schema';
import { UUID_404 } from '../common/http/uuid-param';
import { WriteEndpoint } from '../common/http/write-endpoint.decorator';
import { WriteResult } from '../common/http/write-result';
import { ReadConsistency } from '../event-store/read-consistency';
import { Write } from '../write-path/write-context.decorator';
import { WriteContext } from '../write-path/write-context';
import { CasualtyRangeSchema } from './casualty.schemas';
import { IncidentCommand } from './domain/incident';
import { IncidentCommandMessage, IncidentReported } from './incident.command-handler';
import { GetIncidentQuery, IncidentPage, IncidentResponse, ListIncidentsQuery } from './incident.queries';
import { IncidentPageSchema, IncidentReportedSchema, IncidentSchema } from './incident.schemas';
import { toCasualties } from './incident-values.dto';
import { reportBreachData } from './report-breach.data';
import { toStatement, TranslatedStatementSchema } from './statement.dto';
import {
  ChangeVerificationDto,
  DenyBreachDto,
  DetermineAttributionDto,
  ListIncidentsQueryDto,
  ReportBreachDto,
  RetractReportDto,
  ReviseCasualtiesDto,
} from './incidents.dto';

@ApiTags('incidents')
// Casualty figures and denial statements (bodies and responses here) refer to these from a oneOf, which does not register them.
@ApiExtraModels(CasualtyRangeSchema, TranslatedStatementSchema)
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
  report(@Param('truceId', UUID_404) truceId: string, @Body() body: ReportBreachDto, @Write() ctx: WriteContext): Promise<IncidentReported> {
    const data = reportBreachData(truceId, body);
    return this.execute({ type: 'ReportBreach', incidentId: randomUUID(), data }, ctx);
  }

  @Get('truces/:truceId/incidents')
  @ApiOperation({ summary: "A truce's incidents, filtered, in the order reported" })
  @ReadEndpoint(IncidentPageSchema)
  async list(@Param('truceId', UUID_404) truceId: string, @Query() query: ListIncidentsQueryDto): Promise<IncidentPage> {
    const { minPosition, ...filter } = query;
    await this.consistency.waitFor(minPosition);
    return this.queries.execute(new ListIncidentsQuery(truceId, filter));
  }

  @Get('incidents/:incidentId')
  @ApiOperation({ summary: 'One incident with its denials, verification history and attribution' })
  @ReadEndpoint(IncidentSchema)
  async get(@Param('incidentId', UUID_404) incidentId: string, @Query() query: ConsistencyQueryDto): Promise<IncidentResponse> {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new GetIncidentQuery(incidentId));
  }

  @Post('incidents/:incidentId/denials')
  @RequireRole('reporter')
  @ApiOperation({ summary: 'Record that a party denied the incident' })
  @WriteEndpoint(WriteResultSchema)
  deny(@Param('incidentId', UUID_404) incidentId: string, @Body() body: DenyBreachDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    return this.execute({ type: 'DenyBreach', incidentId, data: { ...body, statement: toStatement(body.statement) } }, ctx);
  }

  @Post('incidents/:incidentId/verifications')
  @RequireRole('verifier')
  @ApiOperation({ summary: "Record a monitor's verification finding" })
  @WriteEndpoint(WriteResultSchema)
  verify(@Param('incidentId', UUID_404) incidentId: string, @Body() body: ChangeVerificationDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    return this.execute({ type: 'ChangeVerification', incidentId, data: { ...body, note: body.note ?? null } }, ctx);
  }

  @Post('incidents/:incidentId/casualty-revisions')
  @RequireRole('reporter')
  @ApiOperation({ summary: "Revise the incident's casualty figures (the latest revision counts)" })
  @WriteEndpoint(WriteResultSchema)
  reviseCasualties(@Param('incidentId', UUID_404) incidentId: string, @Body() body: ReviseCasualtiesDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    const data = { casualties: toCasualties(body.casualties), sources: body.sources };
    return this.execute({ type: 'ReviseCasualties', incidentId, data, actor: actorOf(ctx) }, ctx);
  }

  @Post('incidents/:incidentId/retractions')
  @RequireRole('reporter')
  @ApiOperation({ summary: 'Record that the reporter retracted the report: it then counts nowhere' })
  @WriteEndpoint(WriteResultSchema)
  retract(@Param('incidentId', UUID_404) incidentId: string, @Body() body: RetractReportDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    // `by` is whoever acts: the reporter's key, or an admin's.
    return this.execute({ type: 'RetractReport', incidentId, data: { by: ctx.actor, reason: body.reason }, actor: actorOf(ctx) }, ctx);
  }

  @Post('incidents/:incidentId/attributions')
  @RequireRole('verifier')
  @ApiOperation({ summary: "Record a monitor's attribution finding (a party, or not_attributable)" })
  @WriteEndpoint(WriteResultSchema)
  attribute(@Param('incidentId', UUID_404) incidentId: string, @Body() body: DetermineAttributionDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    return this.execute({ type: 'DetermineAttribution', incidentId, data: { ...body, note: body.note ?? null } }, ctx);
  }

  private execute<C extends IncidentCommand>(command: C, ctx: WriteContext) {
    return this.commands.execute(new IncidentCommandMessage(command, ctx));
  }
}

const actorOf = (ctx: WriteContext) => ({ name: ctx.actor, isAdmin: ctx.isAdmin });
