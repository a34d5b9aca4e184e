import { ApiProperty } from '@nestjs/swagger';
import { CREDIBILITY_GRADES, RELIABILITY_GRADES } from '../../domain/source';

/** The export column `source_reliability`: of the best-graded source (bestGradedSource). */
export const SourceReliabilityProperty = () =>
  ApiProperty({
    type: String,
    enum: RELIABILITY_GRADES,
    nullable: true,
    description: 'Reliability of the best-graded source (A best); null when no source is graded',
    example: null,
  });

/** The export column `source_credibility`: of that same source. */
export const SourceCredibilityProperty = () =>
  ApiProperty({ type: 'integer', enum: [...CREDIBILITY_GRADES], nullable: true, description: 'Credibility given by that same source (1 best)', example: null });
