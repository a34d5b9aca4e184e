import { ApiProperty, ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';
import { WriteResultSchema } from '../common/http/openapi/write-result.schema';
import { NextCursor } from '../common/http/page-query.dto';
import { SourceDto } from '../common/http/source.dto';
import { Classification, CLASSIFICATIONS } from '../incidents/domain/classification';
import { Weapon, WEAPONS } from '../incidents/domain/incident';
import { PlaceDto, TimeSpecDto } from '../incidents/incident-values.dto';
import { ASSESSMENTS, COMPASS_POINTS, OBSERVATION_KINDS, UNDETERMINED_ORIGIN } from './domain/observation';
import type { Assessment, AssessmentStep, Direction, ObservationKind, ObservationState } from './domain/observation';
import type { ObservationRecordedResult } from './observation.command-handler';
import type { ObservationPage, ObservationResponse } from './observation.queries';
import { DistanceKmDto } from './observations.dto';

const DIRECTION: ApiPropertyOptions = {
  oneOf: [
    { type: 'integer', minimum: 0, maximum: 359 },
    { type: 'string', enum: [...COMPASS_POINTS] },
  ],
  nullable: true,
};

@ApiSchema({ name: 'AssessmentStep', description: "A monitor's finding on an observation's origin and/or assessment, as recorded" })
export class AssessmentStepSchema implements AssessmentStep {
  @ApiProperty({ required: false, example: 'AZE', description: 'The new origin, when the finding gave one' })
  origin?: string;

  @ApiProperty({ required: false, enum: ASSESSMENTS, enumName: 'ObservationAssessment', description: 'The new assessment, when the finding gave one' })
  assessment?: Assessment;

  @ApiProperty({ example: 'OSCE SMM' })
  by: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'ObservationWithdrawal' })
export class ObservationWithdrawalSchema implements NonNullable<ObservationState['withdrawn']> {
  @ApiProperty()
  by: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

/** GET /observations/{observationId}: mirrors presentObservation(), which the compiler checks through `implements`. */
@ApiSchema({ name: 'Observation', description: 'What monitors saw or heard themselves, with the findings on it' })
export class ObservationSchema implements ObservationResponse {
  @ApiProperty({ format: 'uuid' })
  observationId: string;

  @ApiProperty({ format: 'uuid' })
  truceId: string;

  @ApiProperty({ example: 'OSCE SMM patrol team 3' })
  observedBy: string;

  @ApiProperty({ type: TimeSpecDto })
  observedAt: TimeSpecDto;

  @ApiProperty({ type: PlaceDto, description: 'Where the monitors were' })
  position: PlaceDto;

  @ApiProperty({ enum: OBSERVATION_KINDS, enumName: 'ObservationKind' })
  kind: ObservationKind;

  @ApiProperty({ type: 'integer', minimum: 1 })
  count: number;

  @ApiProperty(DIRECTION)
  direction: Direction | null;

  @ApiProperty({ type: DistanceKmDto, nullable: true })
  distanceKm: DistanceKmDto | null;

  @ApiProperty({ type: PlaceDto, nullable: true })
  estimatedLocation: PlaceDto | null;

  @ApiProperty({ enum: WEAPONS, isArray: true })
  weapons: Weapon[];

  @ApiProperty({ example: UNDETERMINED_ORIGIN, description: `The latest finding: \`${UNDETERMINED_ORIGIN}\` or a party id` })
  origin: string;

  @ApiProperty({ enum: ASSESSMENTS, enumName: 'ObservationAssessment', description: 'The latest finding' })
  assessment: Assessment;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ enum: CLASSIFICATIONS, enumName: 'Classification', description: "By observedAt, against the truce's current effective instant" })
  classification: Classification;

  @ApiProperty({ type: [String], description: 'The zones in force whose geometry contains the point (estimatedLocation before position)' })
  zones: string[];

  @ApiProperty({ type: [AssessmentStepSchema], description: 'Every finding after the record, in the order recorded' })
  assessmentHistory: AssessmentStepSchema[];

  @ApiProperty({ description: 'A withdrawn observation counts nowhere' })
  withdrawn: boolean;

  @ApiProperty({ type: ObservationWithdrawalSchema, nullable: true })
  withdrawal: ObservationWithdrawalSchema | null;

  @ApiProperty({ format: 'date-time', description: 'When the observation was recorded' })
  recordedAt: string;

  @ApiProperty({ type: 'integer', description: "The observation stream's version (for If-Match)" })
  streamVersion: number;
}

@ApiSchema({ name: 'ObservationPage', description: "A truce's observations, in the order recorded" })
export class ObservationPageSchema implements ObservationPage {
  @ApiProperty({ type: [ObservationSchema] })
  items: ObservationSchema[];

  @NextCursor()
  nextCursor: string | null;
}

@ApiSchema({ name: 'ObservationRecorded' })
export class ObservationRecordedSchema extends WriteResultSchema implements ObservationRecordedResult {
  @ApiProperty({ format: 'uuid' })
  observationId: string;

  @ApiProperty({ enum: CLASSIFICATIONS, enumName: 'Classification', description: "Where observedAt lies relative to the truce's effective instant" })
  classification: Classification;
}
