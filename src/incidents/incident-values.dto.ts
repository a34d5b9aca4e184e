import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNumber, Matches, Max, Min, registerDecorator, ValidationOptions } from 'class-validator';
import { IsInstant, MayBeOmitted, OneOf, OptionalNested, OptionalOneOf, OptionalText, RequiredText, Satisfies, stacked } from '../common/http/validators';
import { casualtyFigure } from './casualty.schemas';
import { Casualties, Figure, PLACE_PRECISIONS, PlacePrecision, TIME_PRECISIONS, TimePrecision, timeWindow } from './domain/value-objects';

export class TimeSpecDto {
  @ApiProperty({ example: '2020-10-10T08:10:00Z' })
  @IsInstant()
  from: string;

  @ApiPropertyOptional({ description: 'End of the window (exclusive); default: end of the precision unit of from' })
  @MayBeOmitted()
  @IsInstant()
  to?: string;

  @OneOf(TIME_PRECISIONS, { example: 'minute' })
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

/** WGS84 degrees, from -limit to limit; may be left out (but not sent as null). */
const Degrees = (limit: number, example: number) =>
  stacked(
    ApiPropertyOptional({ example }),
    MayBeOmitted(),
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: '$property must be a number (WGS84 degrees)' }),
    Min(-limit),
    Max(limit),
  );

export class PlaceDto {
  @RequiredText(300, { example: 'Kapan' })
  name: string;

  @OptionalText(300, { example: 'Syunik' })
  admin1?: string;

  @ApiPropertyOptional({ example: 'ARM' })
  @MayBeOmitted()
  @Matches(/^[A-Z]{3}$/, { message: 'countryIso3 must be an ISO 3166-1 alpha-3 code such as ARM' })
  countryIso3?: string;

  @Degrees(90, 39.2076)
  lat?: number;

  @Degrees(180, 46.4058)
  lon?: number;

  @OptionalOneOf(PLACE_PRECISIONS)
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

const IsFigure = () =>
  Satisfies('isFigure', (value, property) => (isFigure(value) ? null : `${property} must be a whole number ≥ 0 or {best, low?, high?} with low ≤ best ≤ high`));

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
  @OptionalNested(CasualtyGroupDto)
  killed?: CasualtyGroupDto;

  @OptionalNested(CasualtyGroupDto)
  injured?: CasualtyGroupDto;
}

/** Missing numbers are 0 (API.md); figures keep the form they were given in. */
export function toCasualties(dto: CasualtiesDto | undefined): Casualties {
  const group = (g: CasualtyGroupDto | undefined) => ({
    civilian: figure(g?.civilian),
    military: figure(g?.military),
    unknown: figure(g?.unknown),
  });
  return { killed: group(dto?.killed), injured: group(dto?.injured) };
}

function figure(value: Figure | undefined): Figure {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const out: { best: number; low?: number; high?: number } = { best: value.best };
  if (value.low !== undefined) out.low = value.low;
  if (value.high !== undefined) out.high = value.high;
  return out;
}
