import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { EXAMPLE_OBSERVATION_ID, EXAMPLE_RECORDED_AT, EXAMPLE_TRUCE_ID } from '../common/http/openapi/reference-case.examples';
import { Credibility, Reliability } from '../common/domain/source';
import { SourceCredibilityProperty, SourceReliabilityProperty } from '../common/http/openapi/source-grade.properties';
import { Classification, CLASSIFICATIONS } from '../incidents/domain/classification';
import { PointGeometrySchema } from '../incidents/incident-export.schemas';
import { Assessment, ASSESSMENTS, OBSERVATION_KINDS, ObservationKind } from './domain/observation';
import type { ObservationExportRow } from './observation-export.rows';

const nullableString = (description?: string) => ({ type: String, nullable: true, description }) as const;
const nullableNumber = { type: Number, nullable: true } as const;

/** The flat facts both exports show of an observation (ObservationExportRow). */
@ApiSchema({ name: 'ObservationExportRow', description: 'One observation, flat: the GeoJSON feature properties and the CSV columns' })
export class ObservationExportRowSchema implements ObservationExportRow {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_OBSERVATION_ID })
  observationId: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRUCE_ID })
  truceId: string;

  @ApiProperty({ example: 'OSCE SMM patrol team 3' })
  observedBy: string;

  @ApiProperty({ format: 'date-time', example: '2020-10-10T20:00:00Z' })
  observedFrom: string;

  @ApiProperty({ ...nullableString(), format: 'date-time', example: '2020-10-10T20:30:00Z' })
  observedTo: string | null;

  @ApiProperty({ enum: ['minute', 'hour', 'day'], example: 'minute' })
  timePrecision: string;

  @ApiProperty({ enum: OBSERVATION_KINDS, enumName: 'ObservationKind', example: 'shelling_impact' })
  kind: ObservationKind;

  @ApiProperty({ type: 'integer', minimum: 1, example: 12 })
  count: number;

  @ApiProperty({ ...nullableString('Degrees or a compass point, as text'), example: 'E' })
  direction: string | null;

  @ApiProperty({ ...nullableNumber, example: 2 })
  distanceKmLow: number | null;

  @ApiProperty({ ...nullableNumber, example: 4 })
  distanceKmHigh: number | null;

  @ApiProperty({ description: "The monitors' position", example: 'Kapan' })
  positionName: string;

  @ApiProperty({ ...nullableString(), example: null })
  estimatedLocationName: string | null;

  @ApiProperty({ ...nullableString('Of the place the point comes from'), example: 'near' })
  geoPrecision: string | null;

  @ApiProperty({ example: 'artillery;drone', description: 'Weapons joined with `;`' })
  weapons: string;

  @ApiProperty({ example: 'undetermined' })
  origin: string;

  @ApiProperty({ enum: ASSESSMENTS, enumName: 'ObservationAssessment', example: 'undetermined' })
  assessment: Assessment;

  @ApiProperty({ enum: CLASSIFICATIONS, enumName: 'Classification', example: 'post_truce' })
  classification: Classification;

  @ApiProperty({ description: 'zoneIds joined with `;`', example: '' })
  zones: string;

  @ApiProperty({ example: false })
  withdrawn: boolean;

  @ApiProperty({ description: 'Sources joined with `; `', example: 'AP via NewsClick <https://www.newsclick.in/>' })
  sources: string;

  @SourceReliabilityProperty()
  sourceReliability: Reliability | null;

  @SourceCredibilityProperty()
  sourceCredibility: Credibility | null;

  @ApiProperty({ description: 'Empty when none', example: 'Impacts heard east of Kapan, origin not established' })
  description: string;

  @ApiProperty({ format: 'date-time', example: EXAMPLE_RECORDED_AT })
  recordedAt: string;
}

@ApiSchema({ name: 'ObservationFeature' })
export class ObservationFeatureSchema {
  @ApiProperty({ enum: ['Feature'], example: 'Feature' })
  type: 'Feature';

  @ApiProperty({ format: 'uuid', description: 'The observationId', example: EXAMPLE_OBSERVATION_ID })
  id: string;

  @ApiProperty({ type: PointGeometrySchema, description: 'estimatedLocation when it has coordinates, else position' })
  geometry: PointGeometrySchema;

  @ApiProperty({ type: ObservationExportRowSchema })
  properties: ObservationExportRowSchema;
}

@ApiSchema({ name: 'ObservationFeatureCollection', description: 'RFC 7946 FeatureCollection of the observations that have coordinates' })
export class ObservationFeatureCollectionSchema {
  @ApiProperty({ enum: ['FeatureCollection'], example: 'FeatureCollection' })
  type: 'FeatureCollection';

  @ApiProperty({ type: [ObservationFeatureSchema] })
  features: ObservationFeatureSchema[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Observations left out for want of coordinates', example: 0 })
  skipped: number;
}
