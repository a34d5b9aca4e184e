import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import type { Casualties, CasualtyGroup, CasualtyTotals, Figure } from './domain/value-objects';

/** The ranged form of a casualty figure: a best estimate with optional bounds, low ≤ best ≤ high. */
@ApiSchema({ name: 'CasualtyRange' })
export class CasualtyRangeSchema {
  @ApiProperty({ type: 'integer', minimum: 0, example: 12 })
  best: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 9, description: 'At most best' })
  low?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, example: 15, description: 'At least best' })
  high?: number;
}

/**
 * A casualty figure: `oneOf` a whole number or a CasualtyRange. A $ref in `oneOf` does not
 * register its component: IncidentsController does, with @ApiExtraModels(CasualtyRangeSchema).
 */
export const casualtyFigure = (example: Figure = 0): ApiPropertyOptions => ({
  example,
  oneOf: [{ type: 'integer', minimum: 0 }, { $ref: getSchemaPath(CasualtyRangeSchema) }],
  description: 'A whole number, or {best, low?, high?} with low ≤ best ≤ high',
});

@ApiSchema({ name: 'CasualtyGroup', description: 'Figures as given (a number or a range); missing ones are 0' })
export class CasualtyGroupSchema implements CasualtyGroup {
  @ApiProperty(casualtyFigure(1))
  civilian: Figure;

  @ApiProperty(casualtyFigure())
  military: Figure;

  @ApiProperty(casualtyFigure())
  unknown: Figure;
}

@ApiSchema({ name: 'Casualties' })
export class CasualtiesSchema implements Casualties {
  @ApiProperty({ type: CasualtyGroupSchema })
  killed: CasualtyGroupSchema;

  @ApiProperty({ type: CasualtyGroupSchema })
  injured: CasualtyGroupSchema;
}

@ApiSchema({ name: 'CasualtyCounts', description: 'Sums of best estimates' })
export class CasualtyCountsSchema {
  @ApiProperty({ type: 'integer', minimum: 0, example: 1 })
  civilian: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  military: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  unknown: number;
}

@ApiSchema({ name: 'CasualtyTotals' })
export class CasualtyTotalsSchema implements CasualtyTotals {
  @ApiProperty({ type: CasualtyCountsSchema })
  killed: CasualtyCountsSchema;

  @ApiProperty({ type: CasualtyCountsSchema })
  injured: CasualtyCountsSchema;
}
