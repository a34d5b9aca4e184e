import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsObject, IsString, IsUUID, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { EffectiveInstant, OptionalSources, SourceDto } from '../common/http/source.dto';
import { IsInstant, IsTimeZone, MayBeOmitted, OneOf, OptionalEnumList, OptionalNested, OptionalText, RequiredText, Satisfies } from '../common/http/validators';
import { END_REASONS, EndReason, MILESTONE_KINDS, MILESTONE_STATES, Purpose, PURPOSES } from './domain/truce';

export class PartyDto {
  @ApiProperty({ example: 'ARM', description: 'A stable id, e.g. ISO 3166-1 alpha-3' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'id must be 1–64 letters, digits, _ . or -' })
  id: string;

  @RequiredText(200, { example: 'Armenia' })
  name: string;
}

export class EffectiveAtSourceDto {
  @RequiredText(500, { example: 'noon (08:00 GMT)', description: "The source's own words" })
  text: string;

  @ApiProperty({ example: 'Asia/Yerevan' })
  @IsTimeZone()
  timezone: string;
}

/** POST /truces */
export class AgreeTruceDto {
  @RequiredText(300, { example: 'Humanitarian ceasefire, Moscow statement of 10 October 2020' })
  name: string;

  @ApiProperty({ type: [PartyDto] })
  @IsArray()
  @ArrayMinSize(2, { message: 'parties must name at least two parties' })
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each element must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PartyDto)
  parties: PartyDto[];

  @ApiProperty({ example: '2020-10-10T08:00:00Z', description: 'The instant the truce takes effect (UTC)' })
  @IsInstant()
  effectiveAt: string;

  @ApiPropertyOptional({ type: [String], example: ['Russia'] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  mediators?: string[];

  @OptionalEnumList(PURPOSES)
  purposes?: Purpose[];

  @OptionalNested(EffectiveAtSourceDto)
  effectiveAtSource?: EffectiveAtSourceDto;

  @ApiPropertyOptional({ example: '2020-10-17T08:00:00Z' })
  @MayBeOmitted()
  @IsInstant()
  endsAt?: string;

  @OptionalText(20000)
  terms?: string;

  @OptionalSources()
  sources?: SourceDto[];
}

/** A change that takes effect from `at` (default: when recorded), on whose word. */
class EffectiveChangeDto {
  @EffectiveInstant()
  at?: string;

  @OptionalSources()
  sources?: SourceDto[];
}

/** Suspending, resuming or collapsing: why, from when (default: when recorded), on whose word. */
class LifecycleChangeDto {
  @RequiredText(5000)
  reason: string;

  @EffectiveInstant()
  at?: string;

  @OptionalSources()
  sources?: SourceDto[];
}

/** POST /truces/{id}/suspend */
export class SuspendTruceDto extends LifecycleChangeDto {
  @RequiredText(200, { example: 'Russia', description: 'Who suspended the truce: a party, mediator or monitor' })
  by: string;
}

/** POST /truces/{id}/resume */
export class ResumeTruceDto extends LifecycleChangeDto {
  @RequiredText(200, { example: 'Russia', description: 'Who resumed the truce: a party, mediator or monitor' })
  by: string;
}

/** POST /truces/{id}/collapse */
export class CollapseTruceDto extends LifecycleChangeDto {
  @RequiredText(200, { example: 'OSCE Minsk Group', description: 'A party, mediator or monitor' })
  declaredBy: string;
}

/** POST /truces/{id}/end */
export class EndTruceDto extends EffectiveChangeDto {
  @OneOf(END_REASONS)
  reason: EndReason;

  @ApiPropertyOptional({ description: 'Required when reason is superseded' })
  @ValidateIf((o: EndTruceDto) => o.reason === 'superseded' || o.successorTruceId !== undefined)
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID('all', { message: 'successorTruceId must be a truce id (UUID); it is required when reason is superseded' })
  successorTruceId?: string;
}

/** POST /truces/{id}/reopen */
export class ReopenTruceDto {
  @RequiredText(5000, { example: 'The collapse was recorded in error: the shelling it cited happened before the truce' })
  reason: string;

  @OptionalSources()
  sources?: SourceDto[];
}

/** POST /truces/{id}/effective-time */
export class ReviseEffectiveTimeDto {
  @ApiProperty({ example: '2020-10-10T09:00:00Z', description: 'The revised instant the truce took (or takes) effect (UTC)' })
  @IsInstant()
  effectiveAt: string;

  @OptionalNested(EffectiveAtSourceDto, { description: "The source's own words for the revised instant; without it, the earlier words are dropped" })
  effectiveAtSource?: EffectiveAtSourceDto;

  @RequiredText(5000, { example: 'TASS gives 12:00 Moscow time, not local time' })
  reason: string;

  @OptionalSources()
  sources?: SourceDto[];
}

const MAX_COUNT = 10_000_000;
const MAX_PARTIES = 50;

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_COUNT;

/** The first thing wrong with a counts object, or null. Whether its keys are parties is the domain's to say (422). */
function countsProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'counts must be an object of party id → whole number, e.g. {"ARM": 5}';
  const entries = Object.entries(value);
  if (entries.length > MAX_PARTIES) return `counts may name at most ${MAX_PARTIES} parties`;
  const bad = entries.find(([, n]) => !isCount(n));
  return bad ? `counts.${bad[0]} must be a whole number between 0 and ${MAX_COUNT}` : null;
}

/** POST /truces/{id}/milestones */
export class RecordMilestoneDto extends EffectiveChangeDto {
  @OneOf(MILESTONE_KINDS)
  kind: (typeof MILESTONE_KINDS)[number];

  @OneOf(MILESTONE_STATES)
  state: (typeof MILESTONE_STATES)[number];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    example: { ARM: 5, AZE: 4 },
    description: 'Per party of the truce (by party id): how many were exchanged or transferred',
  })
  @MayBeOmitted()
  @Satisfies('isPartyCounts', countsProblem)
  counts?: Record<string, number>;

  @ApiPropertyOptional({ example: 'ICRC' })
  @MayBeOmitted()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  facilitator?: string;
}
