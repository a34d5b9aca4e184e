import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  ValidationOptions,
  registerDecorator,
} from 'class-validator';
import { IsInstant, MayBeOmitted } from '../../common/http/validators';
import { casualtyFigure } from '../../common/http/openapi/casualties.schema';
import { PLACE_PRECISIONS, PlacePrecision, TIME_PRECISIONS, TimePrecision, timeWindow } from '../domain/value-objects';

export class TimeSpecDto {
  @ApiProperty({ example: '2020-10-10T08:10:00Z' })
  @IsInstant()
  from: string;

  @ApiPropertyOptional({ description: 'End of the window (exclusive); default: end of the precision unit of from' })
  @MayBeOmitted()
  @IsInstant()
  to?: string;

  @ApiProperty({ enum: TIME_PRECISIONS, example: 'minute' })
  @IsIn(TIME_PRECISIONS)
  @EndsWithinCalendar()
  precision: TimePrecision;
}

/** The last instant an ISO 8601 instant of four-digit years can name. */
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Without `to`, the window runs to the end of the precision unit that contains `from`: for a
 * `from` in the last minute, hour or day of the year 9999 that end is in the year 10000, which
 * no instant of this API (nor the database's text form of one) can state.
 */
function EndsWithinCalendar(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'endsWithinCalendar',
      target: target.constructor,
      propertyName,
      options: { message: 'the window would end after the year 9999: give `to` explicitly', ...options },
      validator: {
        validate: (_: unknown, args) => {
          const spec = args?.object as Partial<TimeSpecDto>;
          if (spec.to !== undefined || typeof spec.from !== 'string' || !TIME_PRECISIONS.includes(spec.precision as TimePrecision)) return true;
          return timeWindow({ from: spec.from, precision: spec.precision as TimePrecision }).to <= LAST_INSTANT;
        },
      },
    });
}

export class PlaceDto {
  @ApiProperty({ example: 'Kapan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiPropertyOptional({ example: 'Syunik' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(300)
  admin1?: string;

  @ApiPropertyOptional({ example: 'ARM' })
  @MayBeOmitted()
  @Matches(/^[A-Z]{3}$/, { message: 'countryIso3 must be an ISO 3166-1 alpha-3 code such as ARM' })
  countryIso3?: string;

  @ApiPropertyOptional({ example: 39.2076 })
  @MayBeOmitted()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lat must be a number (WGS84 degrees)' })
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({ example: 46.4058 })
  @MayBeOmitted()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'lon must be a number (WGS84 degrees)' })
  @Min(-180)
  @Max(180)
  lon?: number;

  @ApiPropertyOptional({ enum: PLACE_PRECISIONS })
  @MayBeOmitted()
  @IsIn(PLACE_PRECISIONS)
  precision?: PlacePrecision;
}

const MAX_FIGURE = 10_000_000;
const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_FIGURE;

/** A casualty figure: a whole number, or `{best, low?, high?}` with low ≤ best ≤ high. */
export function isFigure(value: unknown): boolean {
  if (isCount(value)) return true;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const { best, low, high, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length || !isCount(best)) return false;
  if (low !== undefined && (!isCount(low) || low > best)) return false;
  if (high !== undefined && (!isCount(high) || high < best)) return false;
  return true;
}

function IsFigure(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isFigure',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a whole number ≥ 0 or {best, low?, high?} with low ≤ best ≤ high`, ...options },
      validator: { validate: isFigure },
    });
}

type FigureInput = number | { best: number; low?: number; high?: number };

export class CasualtyGroupDto {
  @ApiPropertyOptional({ ...casualtyFigure(), example: 1 })
  @MayBeOmitted()
  @IsFigure()
  civilian?: FigureInput;

  @ApiPropertyOptional(casualtyFigure())
  @MayBeOmitted()
  @IsFigure()
  military?: FigureInput;

  @ApiPropertyOptional(casualtyFigure())
  @MayBeOmitted()
  @IsFigure()
  unknown?: FigureInput;
}

export class CasualtiesDto {
  @ApiPropertyOptional({ type: CasualtyGroupDto })
  @MayBeOmitted()
  @IsObject()
  @ValidateNested()
  @Type(() => CasualtyGroupDto)
  killed?: CasualtyGroupDto;

  @ApiPropertyOptional({ type: CasualtyGroupDto })
  @MayBeOmitted()
  @IsObject()
  @ValidateNested()
  @Type(() => CasualtyGroupDto)
  injured?: CasualtyGroupDto;
}
