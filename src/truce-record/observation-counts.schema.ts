import { ApiProperty, ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';
import { ASSESSMENTS, OBSERVATION_KINDS } from '../observations/domain/observation';
import type { Assessment, ObservationKind } from '../observations/domain/observation';
import type { ObservationCounts } from './domain/observation-counts';

const countsOf = (keys: readonly string[]): ApiPropertyOptions => ({
  type: 'object',
  properties: Object.fromEntries(keys.map((k) => [k, { type: 'integer', minimum: 0 }])),
  required: [...keys],
});

@ApiSchema({ name: 'ObservationCounts', description: 'Post-truce, non-withdrawn observations made by `at`, counted as records (not by their `count`)' })
export class ObservationCountsSchema implements ObservationCounts {
  @ApiProperty({ type: 'integer', minimum: 0 })
  total: number;

  @ApiProperty({ ...countsOf(OBSERVATION_KINDS), description: 'Per kind' })
  byKind: Record<ObservationKind, number>;

  @ApiProperty({ ...countsOf(ASSESSMENTS), description: 'Per (latest) assessment' })
  byAssessment: Record<Assessment, number>;
}
