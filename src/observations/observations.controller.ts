import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { ObservationCommand, UNDETERMINED_ORIGIN } from './domain/observation';
import { ObservationCommandMessage, ObservationRecordedResult } from './observation.command-handler';
import { GetObservationQuery, ListObservationsQuery, ObservationPage, ObservationResponse } from './observation.queries';
import { ObservationPageSchema, ObservationRecordedSchema, ObservationSchema } from './observation.schemas';
import { AssessObservationDto, ListObservationsQueryDto, RecordObservationDto, WithdrawObservationDto } from './observations.dto';

@ApiTags('observations')
@Controller()
export class ObservationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly consistency: ReadConsistency,
  ) {}

  @Post('truces/:truceId/observations')
  @RequireRole('reporter')
  @ApiOperation({ summary: 'Record what monitors saw or heard themselves (an OSCE SMM-style entry), most of it naming no party' })
  @WriteEndpoint(ObservationRecordedSchema, { newStream: true })
  record(@Param('truceId', UUID_404) truceId: string, @Body() body: RecordObservationDto, @Write() ctx: WriteContext): Promise<ObservationRecordedResult> {
    const { from, to, precision } = body.observedAt;
    const data = {
      truceId,
      observedBy: body.observedBy,
      observedAt: { from, precision, ...(to ? { to } : {}) },
      position: { ...body.position },
      kind: body.kind,
      count: body.count,
      direction: body.direction ?? null,
      distanceKm: body.distanceKm ? { low: body.distanceKm.low, high: body.distanceKm.high } : null,
      estimatedLocation: body.estimatedLocation ? { ...body.estimatedLocation } : null,
      weapons: body.weapons ?? [],
      origin: body.origin ?? UNDETERMINED_ORIGIN,
      assessment: body.assessment,
      description: body.description ?? null,
      sources: body.sources,
    };
    return this.execute({ type: 'RecordObservation', observationId: randomUUID(), data }, ctx);
  }

  @Get('truces/:truceId/observations')
  @ApiOperation({ summary: "A truce's observations, filtered, in the order recorded" })
  @ReadEndpoint(ObservationPageSchema)
  async list(@Param('truceId', UUID_404) truceId: string, @Query() query: ListObservationsQueryDto): Promise<ObservationPage> {
    const { minPosition, ...filter } = query;
    await this.consistency.waitFor(minPosition);
    return this.queries.execute(new ListObservationsQuery(truceId, filter));
  }

  @Get('observations/:observationId')
  @ApiOperation({ summary: 'One observation with its classification, zones and findings' })
  @ReadEndpoint(ObservationSchema)
  async get(@Param('observationId', UUID_404) observationId: string, @Query() query: ConsistencyQueryDto): Promise<ObservationResponse> {
    await this.consistency.waitFor(query.minPosition);
    return this.queries.execute(new GetObservationQuery(observationId));
  }

  @Post('observations/:observationId/assessments')
  @RequireRole('verifier')
  @ApiOperation({ summary: "Record a monitor's finding on the observation's origin and/or assessment (the latest counts)" })
  @WriteEndpoint(WriteResultSchema)
  assess(@Param('observationId', UUID_404) observationId: string, @Body() body: AssessObservationDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    const data = {
      ...(body.origin !== undefined ? { origin: body.origin } : {}),
      ...(body.assessment !== undefined ? { assessment: body.assessment } : {}),
      by: body.by,
      note: body.note ?? null,
    };
    return this.execute({ type: 'AssessObservation', observationId, data }, ctx);
  }

  @Post('observations/:observationId/withdrawals')
  @RequireRole('verifier')
  @ApiOperation({ summary: 'Withdraw an observation recorded in error: it then counts nowhere and takes no further findings' })
  @WriteEndpoint(WriteResultSchema)
  withdraw(@Param('observationId', UUID_404) observationId: string, @Body() body: WithdrawObservationDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    return this.execute({ type: 'WithdrawObservation', observationId, data: { by: body.by, reason: body.reason } }, ctx);
  }

  private execute<C extends ObservationCommand>(command: C, ctx: WriteContext) {
    return this.commands.execute(new ObservationCommandMessage(command, ctx));
  }
}
