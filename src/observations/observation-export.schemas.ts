import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Credibility, CREDIBILITY_GRADES, Reliability, RELIABILITY_GRADES } from '../common/domain/source';
import { Classification, CLASSIFICATIONS } from '../incidents/domain/classification';
import { PointGeometrySchema } from '../incidents/incident-export.schemas';
import { Assessment, ASSESSMENTS, OBSERVATION_KINDS, ObservationKind } from './domain/observation';
import type { ObservationExportRow } from './observation-export.rows';

const nullableString = (description?: string) => ({ type: String, nullable: true, description }) as const;
const nullableNumber = { type: Number, nullable: true } as const;

/** The flat facts both exports show of an observation (ObservationExportRow). */
@ApiSchema({ name: 'ObservationExportRow', description: 'One observation, flat: the GeoJSON feature properties and the CSV columns' })
export class ObservationExportRowSchema implements ObservationExportRow {
  @ApiProperty({ format: 'uuid' })
  observationId: string;

  @ApiProperty({ format: 'uuid' })
  truceId: string;

  @ApiProperty()
  observedBy: string;

  @ApiProperty({ format: 'date-time' })
  observedFrom: string;

  @ApiProperty({ ...nullableString(), format: 'date-time' })
  observedTo: string | null;

  @ApiProperty({ enum: ['minute', 'hour', 'day'] })
  timePrecision: string;

  @ApiProperty({ enum: OBSERVATION_KINDS, enumName: 'ObservationKind' })
  kind: ObservationKind;

  @ApiProperty({ type: 'integer', minimum: 1 })
  count: number;

  @ApiProperty(nullableString('Degrees or a compass point, as text'))
  direction: string | null;

  @ApiProperty(nullableNumber)
  distanceKmLow: number | null;

  @ApiProperty(nullableNumber)
  distanceKmHigh: number | null;

  @ApiProperty({ description: "The monitors' position" })
  positionName: string;

  @ApiProperty(nullableString())
  estimatedLocationName: string | null;

  @ApiProperty(nullableString('Of the place the point comes from'))
  geoPrecision: string | null;

  @ApiProperty({ example: 'artillery;drone', description: 'Weapons joined with `;`' })
  weapons: string;

  @ApiProperty()
  origin: string;

  @ApiProperty({ enum: ASSESSMENTS, enumName: 'ObservationAssessment' })
  assessment: Assessment;

  @ApiProperty({ enum: CLASSIFICATIONS, enumName: 'Classification' })
  classification: Classification;

  @ApiProperty({ description: 'zoneIds joined with `;`' })
  zones: string;

  @ApiProperty()
  withdrawn: boolean;

  @ApiProperty({ description: 'Sources joined with `; `' })
  sources: string;

  @ApiProperty({
    type: String,
    enum: RELIABILITY_GRADES,
    nullable: true,
    description: 'Reliability of the best-graded source (A best); null when no source is graded',
  })
  sourceReliability: Reliability | null;

  @ApiProperty({ type: 'integer', enum: [...CREDIBILITY_GRADES], nullable: true, description: 'Credibility given by that same source (1 best)' })
  sourceCredibility: Credibility | null;

  @ApiProperty({ description: 'Empty when none' })
  description: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'ObservationFeature' })
export class ObservationFeatureSchema {
  @ApiProperty({ enum: ['Feature'] })
  type: 'Feature';

  @ApiProperty({ format: 'uuid', description: 'The observationId' })
  id: string;

  @ApiProperty({ type: PointGeometrySchema, description: 'estimatedLocation when it has coordinates, else position' })
  geometry: PointGeometrySchema;

  @ApiProperty({ type: ObservationExportRowSchema })
  properties: ObservationExportRowSchema;
}

@ApiSchema({ name: 'ObservationFeatureCollection', description: 'RFC 7946 FeatureCollection of the observations that have coordinates' })
export class ObservationFeatureCollectionSchema {
  @ApiProperty({ enum: ['FeatureCollection'] })
  type: 'FeatureCollection';

  @ApiProperty({ type: [ObservationFeatureSchema] })
  features: ObservationFeatureSchema[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Observations left out for want of coordinates' })
  skipped: number;
}
