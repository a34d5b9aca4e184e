import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { EXAMPLE_INCIDENT_ID, EXAMPLE_RECORDED_AT, EXAMPLE_TRUCE_ID } from '../common/http/openapi/reference-case.examples';
import { Credibility, Reliability } from '../common/domain/source';
import { SourceCredibilityProperty, SourceReliabilityProperty } from '../common/http/openapi/source-grade.properties';
import { Classification, CLASSIFICATIONS } from './domain/classification';
import { REPORTER_TYPES, ReporterType, VERIFICATION_STATUSES, VerificationStatus } from './domain/incident';
import { PLACE_PRECISIONS, PlacePrecision, TIME_PRECISIONS, TimePrecision } from './domain/value-objects';
import type { IncidentExportRow } from './incident-export.rows';

const nullableString = (description?: string) => ({ type: String, nullable: true, description }) as const;

/** The flat facts both exports show of an incident (IncidentExportRow). */
@ApiSchema({ name: 'IncidentExportRow', description: 'One incident, flat: the GeoJSON feature properties and the CSV columns' })
export class IncidentExportRowSchema implements IncidentExportRow {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_INCIDENT_ID })
  incidentId: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRUCE_ID })
  truceId: string;

  @ApiProperty({ example: 'ARM' })
  reportedBy: string;

  @ApiProperty({ enum: REPORTER_TYPES, example: 'party' })
  reporterType: ReporterType;

  @ApiProperty({ example: 'AZE' })
  accusedParty: string;

  @ApiProperty({ format: 'date-time', example: '2020-10-10T20:00:00Z' })
  occurredFrom: string;

  @ApiProperty({ ...nullableString(), format: 'date-time', example: '2020-10-10T21:00:00Z' })
  occurredTo: string | null;

  @ApiProperty({ enum: TIME_PRECISIONS, example: 'hour' })
  timePrecision: TimePrecision;

  @ApiProperty({ example: 'Kapan' })
  locationName: string;

  @ApiProperty({ ...nullableString(), example: 'Syunik' })
  admin1: string | null;

  @ApiProperty({ ...nullableString(), example: 'ARM' })
  countryIso3: string | null;

  @ApiProperty({ enum: PLACE_PRECISIONS, nullable: true, example: 'near' })
  geoPrecision: PlacePrecision | null;

  @ApiProperty({ example: 'artillery;drone', description: 'Weapons joined with `;`' })
  weapons: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Sum of best estimates', example: 1 })
  killed: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Sum of best estimates', example: 0 })
  injured: number;

  @ApiProperty({ enum: VERIFICATION_STATUSES, enumName: 'VerificationStatus', example: 'unverified' })
  verification: VerificationStatus;

  @ApiProperty({ enum: CLASSIFICATIONS, enumName: 'Classification', example: 'post_truce' })
  classification: Classification;

  @ApiProperty({ ...nullableString(), example: null })
  attributedTo: string | null;

  @ApiProperty({ example: true })
  denied: boolean;

  @ApiProperty({ example: false })
  retracted: boolean;

  @ApiProperty({ ...nullableString(), format: 'uuid', example: null })
  respondsTo: string | null;

  @ApiProperty({ example: 'AP via NewsClick <https://www.newsclick.in/>', description: 'Sources joined with `; `' })
  sources: string;

  @SourceReliabilityProperty()
  sourceReliability: Reliability | null;

  @SourceCredibilityProperty()
  sourceCredibility: Credibility | null;

  @ApiProperty({ description: 'Empty when none', example: 'Shelling near Kapan; one civilian killed' })
  description: string;

  @ApiProperty({ format: 'date-time', example: EXAMPLE_RECORDED_AT })
  recordedAt: string;
}

@ApiSchema({ name: 'PointGeometry' })
export class PointGeometrySchema {
  @ApiProperty({ enum: ['Point'], example: 'Point' })
  type: 'Point';

  @ApiProperty({ type: [Number], minItems: 2, maxItems: 2, example: [46.4058, 39.2076], description: '[lon, lat] (RFC 7946)' })
  coordinates: [number, number];
}

@ApiSchema({ name: 'IncidentFeature' })
export class IncidentFeatureSchema {
  @ApiProperty({ enum: ['Feature'], example: 'Feature' })
  type: 'Feature';

  @ApiProperty({ format: 'uuid', description: 'The incidentId', example: EXAMPLE_INCIDENT_ID })
  id: string;

  @ApiProperty({ type: PointGeometrySchema })
  geometry: PointGeometrySchema;

  @ApiProperty({ type: IncidentExportRowSchema })
  properties: IncidentExportRowSchema;
}

@ApiSchema({ name: 'IncidentFeatureCollection', description: 'RFC 7946 FeatureCollection of the incidents that have coordinates' })
export class IncidentFeatureCollectionSchema {
  @ApiProperty({ enum: ['FeatureCollection'], example: 'FeatureCollection' })
  type: 'FeatureCollection';

  @ApiProperty({ type: [IncidentFeatureSchema] })
  features: IncidentFeatureSchema[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Incidents left out for want of coordinates', example: 0 })
  skipped: number;
}
