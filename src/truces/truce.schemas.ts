import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { EXAMPLE_TRUCE_ID } from '../common/http/openapi/reference-case.examples';
import { SourceDto } from '../common/http/source.dto';
import { WriteResultSchema } from '../common/http/openapi/write-result.schema';
import { END_REASONS, EndingMark, EndReason, LifecycleMark, Milestone, MILESTONE_KINDS, MILESTONE_STATES, TruceState } from './domain/truce';
import type { TruceCreated } from './truce.command-handler';

@ApiSchema({ name: 'TruceCreated' })
export class TruceCreatedSchema extends WriteResultSchema implements TruceCreated {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRUCE_ID })
  truceId: string;
}

@ApiSchema({ name: 'Milestone', description: 'A purpose milestone (e.g. a prisoner exchange), as recorded' })
export class MilestoneSchema implements Milestone {
  @ApiProperty({ enum: MILESTONE_KINDS, example: 'prisoner_exchange' })
  kind: string;

  @ApiProperty({ enum: MILESTONE_STATES, example: 'completed' })
  state: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { ARM: 5, AZE: 5 }, description: 'Per party id' })
  counts: Record<string, number>;

  @ApiProperty({ type: String, nullable: true, example: 'ICRC' })
  facilitator: string | null;

  @ApiProperty({ format: 'date-time', description: 'Effective instant (valid time)', example: '2020-10-26T10:00:00Z' })
  at: string;

  @ApiProperty({ format: 'date-time', description: 'When the log recorded it (record time)', example: '2020-10-26T14:00:00Z' })
  recordedAt: string;
}

@ApiSchema({ name: 'LifecycleMark', description: 'A suspension or resumption, effective from `at`' })
export class LifecycleMarkSchema implements LifecycleMark {
  @ApiProperty({ enum: ['suspended', 'resumed'], example: 'suspended' })
  type: 'suspended' | 'resumed';

  @ApiProperty({ format: 'date-time', example: '2020-10-11T06:00:00Z' })
  at: string;

  @ApiProperty({ example: 'Russia' })
  by: string;

  @ApiProperty({ example: 'Talks on exchange of bodies paused after shelling near Kapan' })
  reason: string;

  @ApiProperty({ format: 'date-time', example: '2020-10-11T07:00:00Z' })
  recordedAt: string;
}

@ApiSchema({ name: 'Collapse' })
export class CollapseSchema implements NonNullable<TruceState['collapsed']> {
  @ApiProperty({ format: 'date-time', example: '2020-10-17T20:00:00Z' })
  at: string;

  @ApiProperty({ example: 'OSCE Minsk Group' })
  declaredBy: string;

  @ApiProperty({ example: 'Fighting resumed along the line of contact' })
  reason: string;

  @ApiProperty({ format: 'date-time', example: '2020-10-18T09:00:00Z' })
  recordedAt: string;
}

@ApiSchema({ name: 'Ending' })
export class EndingSchema implements NonNullable<TruceState['ended']> {
  @ApiProperty({ format: 'date-time', example: '2020-10-18T00:00:00Z' })
  at: string;

  @ApiProperty({ enum: END_REASONS, example: 'superseded' })
  reason: EndReason;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, example: '6d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6' })
  successorTruceId: string | null;

  @ApiProperty({ format: 'date-time', example: '2020-10-18T09:00:00Z' })
  recordedAt: string;
}

@ApiSchema({ name: 'EndingMark', description: 'A collapse, end or reopening as recorded (reopened: withdraws every collapse and end recorded before it)' })
export class EndingMarkSchema {
  @ApiProperty({ enum: ['collapsed', 'ended', 'reopened'], example: 'collapsed' })
  kind: EndingMark['kind'];

  @ApiPropertyOptional({ format: 'date-time', description: 'Effective instant (collapsed, ended)' })
  at?: string;

  @ApiPropertyOptional({ description: 'Who declared the collapse (collapsed)' })
  declaredBy?: string;

  @ApiProperty({ description: 'Why: the reason given, or the end reason (ended)', example: 'Fighting resumed along the line of contact' })
  reason: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'ended' })
  successorTruceId?: string | null;

  @ApiPropertyOptional({ type: [SourceDto], description: 'reopened' })
  sources?: SourceDto[];

  @ApiProperty({ format: 'date-time', example: '2020-10-18T09:00:00Z' })
  recordedAt: string;
}
