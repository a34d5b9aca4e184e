import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, IsString, Max, Min, registerDecorator, ValidateIf } from 'class-validator';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { PageLimit } from '../common/http/page-query.dto';
import { RequiredSources, SourceDto } from '../common/http/source.dto';
import {
  IsInstant,
  MayBeOmitted,
  NestedObject,
  OneOf,
  OptionalEnumList,
  OptionalNested,
  OptionalOneOf,
  OptionalText,
  RequiredText,
  Satisfies,
  stacked,
} from '../common/http/validators';
import { Weapon, WEAPONS } from '../incidents/domain/incident';
import { PlaceDto, TimeSpecDto } from '../incidents/incident-values.dto';
import { ASSESSMENTS, COMPASS_POINTS, isDirection, OBSERVATION_KINDS, UNDETERMINED_ORIGIN } from './domain/observation';
import type { Assessment, Direction, ObservationKind } from './domain/observation';

/** The largest distance anyone reports hearing or seeing something from. */
const MAX_DISTANCE_KM = 1000;

const Kilometres = (example: number) =>
  stacked(
    ApiProperty({ example, minimum: 0, maximum: MAX_DISTANCE_KM }),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a number of kilometres' }),
    Min(0),
    Max(MAX_DISTANCE_KM),
  );

export class DistanceKmDto {
  @Kilometres(3)
  low: number;

  @Kilometres(5)
  high: number;
}

const ORIGIN_DOC = { example: 'AZE', description: `\`${UNDETERMINED_ORIGIN}\`, or a party of the truce` };

/** POST /truces/{id}/observations: DOMAIN.md's ObservationRecorded. */
export class RecordObservationDto {
  @RequiredText(200, { example: 'OSCE SMM patrol team 3', description: 'The monitor team' })
  observedBy: string;

  @ApiProperty({ type: TimeSpecDto })
  @NestedObject(() => TimeSpecDto)
  observedAt: TimeSpecDto;

  @ApiProperty({ type: PlaceDto, description: 'Where the monitors were' })
  @NestedObject(() => PlaceDto)
  position: PlaceDto;

  @OneOf(OBSERVATION_KINDS)
  kind: ObservationKind;

  @ApiProperty({ type: 'integer', minimum: 1, example: 12, description: 'How many (explosions, bursts, …) were observed' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  count: number;

  @OneOf(ASSESSMENTS)
  assessment: Assessment;

  @RequiredSources('At least one')
  sources: SourceDto[];

  @ApiPropertyOptional({
    oneOf: [
      { type: 'integer', minimum: 0, maximum: 359 },
      { type: 'string', enum: [...COMPASS_POINTS] },
    ],
    example: 'SE',
  })
  @MayBeOmitted()
  @Satisfies('isDirection', (value, property) => (isDirection(value) ? null : `${property} must be degrees 0–359 or one of ${COMPASS_POINTS.join(', ')}`))
  direction?: Direction;

  @OptionalNested(DistanceKmDto, { description: 'A range in kilometres, low ≤ high (422 otherwise)' })
  distanceKm?: DistanceKmDto;

  @OptionalNested(PlaceDto, { description: 'Where the observed thing was, as estimated' })
  estimatedLocation?: PlaceDto;

  @OptionalEnumList(WEAPONS)
  weapons?: Weapon[];

  @OptionalText(64, { ...ORIGIN_DOC, default: UNDETERMINED_ORIGIN })
  origin?: string;

  @OptionalText(20000)
  description?: string;
}

/** A finding names a new origin, a new assessment, or both. */
function GivesAFinding() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'givesAFinding',
      target: target.constructor,
      propertyName,
      options: { message: 'give origin, assessment or both' },
      validator: {
        validate: (_: unknown, args) => {
          const body = args?.object as Partial<AssessObservationDto>;
          return body.origin !== undefined || body.assessment !== undefined;
        },
      },
    });
}

/** POST /observations/{id}/assessments */
export class AssessObservationDto {
  @OptionalText(64, ORIGIN_DOC)
  origin?: string;

  // Checked when given, and when origin is not: a finding must give one of the two.
  @ApiPropertyOptional({ enum: ASSESSMENTS, description: 'At least one of origin and assessment' })
  @ValidateIf((body: AssessObservationDto, value: unknown) => value !== undefined || body.origin === undefined)
  @GivesAFinding()
  @IsIn(ASSESSMENTS)
  assessment?: Assessment;

  @RequiredText(200, { example: 'OSCE SMM', description: 'The monitor making the finding' })
  by: string;

  @OptionalText(20000)
  note?: string;
}

/** POST /observations/{id}/withdrawals */
export class WithdrawObservationDto {
  @RequiredText(200, { example: 'OSCE SMM' })
  by: string;

  @RequiredText(5000, { example: 'Entered twice.' })
  reason: string;
}

/** The filters an observation list and its exports share. */
export class ObservationFilterDto extends ConsistencyQueryDto {
  @OptionalOneOf(OBSERVATION_KINDS)
  kind?: ObservationKind;

  @OptionalText(64, { description: `\`${UNDETERMINED_ORIGIN}\` or a party id (the latest finding)` })
  origin?: string;

  @OptionalOneOf(ASSESSMENTS, { description: 'The latest finding' })
  assessment?: Assessment;

  @OptionalText(200, { description: 'A zoneId: observations whose point lies in that zone' })
  zone?: string;

  @ApiPropertyOptional({ description: 'Observed (window start) at or after this instant' })
  @MayBeOmitted()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Observed (window start) before this instant' })
  @MayBeOmitted()
  @IsInstant()
  to?: string;
}

/** GET /truces/{id}/observations */
export class ListObservationsQueryDto extends ObservationFilterDto {
  @PageLimit(20)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @MayBeOmitted()
  @IsString()
  cursor?: string;
}
