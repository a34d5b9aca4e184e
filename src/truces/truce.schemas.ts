import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { SourceDto } from '../common/http/source.dto';
import { WriteResultSchema } from '../common/http/openapi/write-result.schema';
import { END_REASONS, EndingMark, EndReason, LifecycleMark, Milestone, MILESTONE_KINDS, MILESTONE_STATES, TruceState } from './domain/truce';
import type { TruceCreated } from './truce.command-handler';

@ApiSchema({ name: 'TruceCreated' })
export class TruceCreatedSchema extends WriteResultSchema implements TruceCreated {
  @ApiProperty({ format: 'uuid' })
  truceId: string;
}

@ApiSchema({ name: 'Milestone', description: 'A purpose milestone (e.g. a prisoner exchange), as recorded' })
export class MilestoneSchema implements Milestone {
  @ApiProperty({ enum: MILESTONE_KINDS })
  kind: string;

  @ApiProperty({ enum: MILESTONE_STATES })
  state: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { ARM: 5, AZE: 5 }, description: 'Per party id' })
  counts: Record<string, number>;

  @ApiProperty({ type: String, nullable: true })
  facilitator: string | null;

  @ApiProperty({ format: 'date-time', description: 'Effective instant (valid time)' })
  at: string;

  @ApiProperty({ format: 'date-time', description: 'When the log recorded it (record time)' })
  recordedAt: string;
}

@ApiSchema({ name: 'LifecycleMark', description: 'A suspension or resumption, effective from `at`' })
export class LifecycleMarkSchema implements LifecycleMark {
  @ApiProperty({ enum: ['suspended', 'resumed'] })
  type: 'suspended' | 'resumed';

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty()
  by: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'Collapse' })
export class CollapseSchema implements NonNullable<TruceState['collapsed']> {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty()
  declaredBy: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'Ending' })
export class EndingSchema implements NonNullable<TruceState['ended']> {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: END_REASONS })
  reason: EndReason;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  successorTruceId: string | null;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'EndingMark', description: 'A collapse, end or reopening as recorded (reopened: withdraws every collapse and end recorded before it)' })
export class EndingMarkSchema {
  @ApiProperty({ enum: ['collapsed', 'ended', 'reopened'] })
  kind: EndingMark['kind'];

  @ApiPropertyOptional({ format: 'date-time', description: 'Effective instant (collapsed, ended)' })
  at?: string;

  @ApiPropertyOptional({ description: 'Who declared the collapse (collapsed)' })
  declaredBy?: string;

  @ApiProperty({ description: 'Why: the reason given, or the end reason (ended)' })
  reason: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'ended' })
  successorTruceId?: string | null;

  @ApiPropertyOptional({ type: [SourceDto], description: 'reopened' })
  sources?: SourceDto[];

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}
