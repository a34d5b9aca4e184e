import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { Credibility, CREDIBILITY_GRADES, Reliability, RELIABILITY_GRADES } from '../common/domain/source';
import { Classification, CLASSIFICATIONS } from './domain/classification';
import { REPORTER_TYPES, ReporterType, VERIFICATION_STATUSES, VerificationStatus } from './domain/incident';
import { PLACE_PRECISIONS, PlacePrecision, TIME_PRECISIONS, TimePrecision } from './domain/value-objects';
import type { IncidentExportRow } from './incident-export.rows';

const nullableString = (description?: string) => ({ type: String, nullable: true, description }) as const;

/** The flat facts both exports show of an incident (IncidentExportRow). */
@ApiSchema({ name: 'IncidentExportRow', description: 'One incident, flat: the GeoJSON feature properties and the CSV columns' })
export class IncidentExportRowSchema implements IncidentExportRow {
  @ApiProperty({ format: 'uuid' })
  incidentId: string;

  @ApiProperty({ format: 'uuid' })
  truceId: string;

  @ApiProperty()
  reportedBy: string;

  @ApiProperty({ enum: REPORTER_TYPES })
  reporterType: ReporterType;

  @ApiProperty()
  accusedParty: string;

  @ApiProperty({ format: 'date-time' })
  occurredFrom: string;

  @ApiProperty({ ...nullableString(), format: 'date-time' })
  occurredTo: string | null;

  @ApiProperty({ enum: TIME_PRECISIONS })
  timePrecision: TimePrecision;

  @ApiProperty()
  locationName: string;

  @ApiProperty(nullableString())
  admin1: string | null;

  @ApiProperty(nullableString())
  countryIso3: string | null;

  @ApiProperty({ enum: PLACE_PRECISIONS, nullable: true })
  geoPrecision: PlacePrecision | null;

  @ApiProperty({ example: 'artillery;drone', description: 'Weapons joined with `;`' })
  weapons: string;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Sum of best estimates' })
  killed: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Sum of best estimates' })
  injured: number;

  @ApiProperty({ enum: VERIFICATION_STATUSES, enumName: 'VerificationStatus' })
  verification: VerificationStatus;

  @ApiProperty({ enum: CLASSIFICATIONS, enumName: 'Classification' })
  classification: Classification;

  @ApiProperty(nullableString())
  attributedTo: string | null;

  @ApiProperty()
  denied: boolean;

  @ApiProperty()
  retracted: boolean;

  @ApiProperty({ ...nullableString(), format: 'uuid' })
  respondsTo: string | null;

  @ApiProperty({ example: 'AP via NewsClick <https://www.newsclick.in/>', description: 'Sources joined with `; `' })
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

@ApiSchema({ name: 'PointGeometry' })
export class PointGeometrySchema {
  @ApiProperty({ enum: ['Point'] })
  type: 'Point';

  @ApiProperty({ type: [Number], minItems: 2, maxItems: 2, example: [46.4058, 39.2076], description: '[lon, lat] (RFC 7946)' })
  coordinates: [number, number];
}

@ApiSchema({ name: 'IncidentFeature' })
export class IncidentFeatureSchema {
  @ApiProperty({ enum: ['Feature'] })
  type: 'Feature';

  @ApiProperty({ format: 'uuid', description: 'The incidentId' })
  id: string;

  @ApiProperty({ type: PointGeometrySchema })
  geometry: PointGeometrySchema;

  @ApiProperty({ type: IncidentExportRowSchema })
  properties: IncidentExportRowSchema;
}

@ApiSchema({ name: 'IncidentFeatureCollection', description: 'RFC 7946 FeatureCollection of the incidents that have coordinates' })
export class IncidentFeatureCollectionSchema {
  @ApiProperty({ enum: ['FeatureCollection'] })
  type: 'FeatureCollection';

  @ApiProperty({ type: [IncidentFeatureSchema] })
  features: IncidentFeatureSchema[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Incidents left out for want of coordinates' })
  skipped: number;
}
