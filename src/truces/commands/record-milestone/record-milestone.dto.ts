import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidationArguments,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { EffectiveInstant, OptionalSources, SourceDto } from '../../../common/http/source.dto';
import { MayBeOmitted } from '../../../common/http/validators';
import { MILESTONE_KINDS, MILESTONE_STATES } from '../../domain/truce.events';

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

function IsPartyCounts(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPartyCounts',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => countsProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => countsProblem(args?.value) ?? 'counts is invalid',
      },
    });
}

export class RecordMilestoneDto {
  @ApiProperty({ enum: MILESTONE_KINDS })
  @IsIn(MILESTONE_KINDS)
  kind: (typeof MILESTONE_KINDS)[number];

  @ApiProperty({ enum: MILESTONE_STATES })
  @IsIn(MILESTONE_STATES)
  state: (typeof MILESTONE_STATES)[number];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'integer', minimum: 0 },
    example: { ARM: 5, AZE: 4 },
    description: 'Per party of the truce (by party id): how many were exchanged or transferred',
  })
  @MayBeOmitted()
  @IsPartyCounts()
  counts?: Record<string, number>;

  @ApiPropertyOptional({ example: 'ICRC' })
  @MayBeOmitted()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  facilitator?: string;

  @EffectiveInstant()
  at?: string;

  @OptionalSources()
  sources?: SourceDto[];
}
