import { Body, Controller, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { Clock } from '../common/clock';
import { Source } from '../common/domain/domain-event';
import { WriteResultSchema } from '../common/http/openapi/write-result.schema';
import { UUID_404 } from '../common/http/uuid-param';
import { WriteEndpoint } from '../common/http/write-endpoint.decorator';
import { WriteResult } from '../common/http/write-result';
import { Write } from '../write-path/write-context.decorator';
import { WriteContext } from '../write-path/write-context';
import { TruceCommand } from './domain/truce';
import { TruceCommandMessage, TruceCreated } from './truce.command-handler';
import { TruceCreatedSchema } from './truce.schemas';
import {
  AgreeTruceDto,
  CollapseTruceDto,
  EndTruceDto,
  RecordMilestoneDto,
  ReopenTruceDto,
  ResumeTruceDto,
  ReviseEffectiveTimeDto,
  SuspendTruceDto,
} from './truces.dto';

/** The writes on truces: each request becomes a TruceCommand on the bus. */
@ApiTags('truces')
@Controller('truces')
export class TrucesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly clock: Clock,
  ) {}

  @Post()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Record a truce as agreed' })
  @WriteEndpoint(TruceCreatedSchema, { newStream: true, noPathId: true })
  agree(@Body() body: AgreeTruceDto, @Write() ctx: WriteContext): Promise<TruceCreated> {
    const data = {
      name: body.name,
      parties: body.parties,
      mediators: body.mediators ?? [],
      purposes: body.purposes ?? [],
      effectiveAt: body.effectiveAt,
      effectiveAtSource: body.effectiveAtSource ?? null,
      endsAt: body.endsAt ?? null,
      terms: body.terms ?? null,
      sources: body.sources ?? [],
    };
    return this.execute({ type: 'AgreeTruce', truceId: randomUUID(), data }, ctx);
  }

  @Post(':truceId/collapse')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Record that the truce collapsed' })
  @WriteEndpoint(WriteResultSchema)
  collapse(@Param('truceId', UUID_404) truceId: string, @Body() body: CollapseTruceDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    return this.execute({ type: 'CollapseTruce', truceId, data: this.effective(body) }, ctx);
  }

  @Post(':truceId/end')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Record that the truce ended (expired, superseded, purpose fulfilled)' })
  @WriteEndpoint(WriteResultSchema)
  end(@Param('truceId', UUID_404) truceId: string, @Body() body: EndTruceDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    const data = { ...this.effective(body), successorTruceId: body.successorTruceId ?? null };
    return this.execute({ type: 'EndTruce', truceId, data }, ctx);
  }

  @Post(':truceId/reopen')
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Withdraw the collapse or end that counts (recorded in error): every collapse and end recorded before this is withdrawn',
    description: '422 when the truce has no collapse or end that counts.',
  })
  @WriteEndpoint(WriteResultSchema)
  reopen(@Param('truceId', UUID_404) truceId: string, @Body() body: ReopenTruceDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    return this.execute({ type: 'ReopenTruce', truceId, data: { reason: body.reason, sources: body.sources ?? [] } }, ctx);
  }

  @Post(':truceId/effective-time')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Revise the instant the truce took effect (incidents are classified against it)' })
  @WriteEndpoint(WriteResultSchema)
  reviseEffectiveTime(@Param('truceId', UUID_404) truceId: string, @Body() body: ReviseEffectiveTimeDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    const data = { ...body, effectiveAtSource: body.effectiveAtSource ?? null, sources: body.sources ?? [] };
    return this.execute({ type: 'ReviseEffectiveTime', truceId, data }, ctx);
  }

  @Post(':truceId/suspend')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Record that the truce was suspended (from `at`, default now)' })
  @WriteEndpoint(WriteResultSchema)
  suspend(@Param('truceId', UUID_404) truceId: string, @Body() body: SuspendTruceDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    return this.execute({ type: 'SuspendTruce', truceId, data: this.effective(body), now: this.now() }, ctx);
  }

  @Post(':truceId/resume')
  @RequireRole('admin')
  @ApiOperation({ summary: 'Record that a suspended truce was resumed (from `at`, default now)' })
  @WriteEndpoint(WriteResultSchema)
  resume(@Param('truceId', UUID_404) truceId: string, @Body() body: ResumeTruceDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    return this.execute({ type: 'ResumeTruce', truceId, data: this.effective(body), now: this.now() }, ctx);
  }

  @Post(':truceId/milestones')
  @RequireRole('verifier')
  @ApiOperation({ summary: 'Record a purpose milestone (e.g. a prisoner exchange scheduled, completed or postponed)' })
  @WriteEndpoint(WriteResultSchema)
  recordMilestone(@Param('truceId', UUID_404) truceId: string, @Body() body: RecordMilestoneDto, @Write() ctx: WriteContext): Promise<WriteResult> {
    const data = { ...this.effective(body), counts: { ...body.counts }, facilitator: body.facilitator ?? null };
    return this.execute({ type: 'RecordMilestone', truceId, data }, ctx);
  }

  private execute<C extends TruceCommand>(command: C, ctx: WriteContext) {
    return this.commands.execute(new TruceCommandMessage(command, ctx));
  }

  /**
   * A change as the domain takes it: effective from `at`, or — `at` stored as null — from the
   * instant the log records it (DOMAIN.md), never the clock here, a moment earlier; on the
   * sources given, or none.
   */
  private effective<T extends { at?: string; sources?: Source[] }>(body: T): Omit<T, 'at'> & { at: string | null; sources: Source[] } {
    return { ...body, at: body.at ?? null, sources: body.sources ?? [] };
  }

  /** The instant a change given no `at` is judged at: it takes effect when recorded, just after. */
  private now(): string {
    return this.clock.now().toISOString();
  }
}
