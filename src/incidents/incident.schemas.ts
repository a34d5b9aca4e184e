import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { WriteResultSchema } from '../common/http/openapi/write-result.schema';
import { EXAMPLE_INCIDENT_ID, EXAMPLE_RECORDED_AT, EXAMPLE_TRUCE_ID } from '../common/http/openapi/reference-case.examples';
import { NextCursor } from '../common/http/page-query.dto';
import { SourceDto } from '../common/http/source.dto';
import { CasualtiesSchema } from './casualty.schemas';
import { Classification, CLASSIFICATIONS } from './domain/classification';
import { CHARACTERIZATIONS, NOT_ATTRIBUTABLE, REPORTER_TYPES, VERIFICATION_METHODS, VERIFICATION_STATUSES, WEAPONS } from './domain/incident';
import type { Attribution, Characterization, Denial, IncidentState, ReporterType } from './domain/incident';
import type { VerificationMethod, VerificationStatus, VerificationStep, Weapon } from './domain/incident';
import type { IncidentReported } from './incident.command-handler';
import type { IncidentPage, IncidentResponse } from './incident.queries';
import { PlaceDto, TimeSpecDto } from './incident-values.dto';
import { statementProperty } from './statement.dto';
import type { Statement } from '../common/domain/source';

@ApiSchema({ name: 'VerificationStep', description: "A monitor's verification finding, as recorded" })
export class VerificationStepSchema implements VerificationStep {
  @ApiProperty({ enum: VERIFICATION_STATUSES, enumName: 'VerificationStatus', example: 'inconclusive' })
  status: VerificationStatus;

  @ApiProperty({ example: 'OSCE SMM' })
  by: string;

  @ApiProperty({ enum: VERIFICATION_METHODS, example: 'independent_sources' })
  method: VerificationMethod;

  @ApiProperty({ type: String, nullable: true, example: 'No imagery of the Kapan area for the night of 10 October' })
  note: string | null;

  @ApiProperty({ format: 'date-time', example: '2020-10-12T10:00:00Z' })
  recordedAt: string;
}

@ApiSchema({ name: 'Verification' })
export class VerificationSchema implements Readonly<IncidentState['verification']> {
  @ApiProperty({
    enum: VERIFICATION_STATUSES,
    enumName: 'VerificationStatus',
    description: 'The latest finding (unverified until one is recorded)',
    example: 'unverified',
  })
  status: VerificationStatus;

  @ApiProperty({ type: [VerificationStepSchema], description: 'Every finding, in the order recorded' })
  history: VerificationStepSchema[];
}

@ApiSchema({ name: 'Attribution', description: "A monitor's attribution finding" })
export class AttributionSchema implements Attribution {
  @ApiProperty({ example: 'AZE', description: `A party id, or \`${NOT_ATTRIBUTABLE}\`` })
  attributedTo: string;

  @ApiProperty({ example: 'OSCE SMM' })
  by: string;

  @ApiProperty({ type: String, nullable: true, example: 'Crater analysis points to artillery fired from the east' })
  note: string | null;

  @ApiProperty({ format: 'date-time', example: '2020-10-14T10:00:00Z' })
  recordedAt: string;
}

@ApiSchema({ name: 'Denial' })
export class DenialSchema implements Denial {
  @ApiProperty({ example: 'AZE', description: 'The party denying' })
  deniedBy: string;

  @ApiProperty(statementProperty())
  statement: Statement;

  @ApiProperty({ enum: CHARACTERIZATIONS, example: 'provocation' })
  characterization: Characterization;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ format: 'date-time', example: '2020-10-10T11:00:00Z' })
  recordedAt: string;
}

@ApiSchema({ name: 'Retraction' })
export class RetractionSchema implements NonNullable<IncidentState['retracted']> {
  @ApiProperty({ description: 'Who retracted (the API key name)', example: 'alice-reporter' })
  by: string;

  @ApiProperty({ example: 'Filed twice; the Kapan report stands' })
  reason: string;

  @ApiProperty({ format: 'date-time', example: '2020-10-10T12:00:00Z' })
  recordedAt: string;
}

/** GET /incidents/{incidentId}: mirrors presentIncident(), which the compiler checks through `implements`. */
@ApiSchema({ name: 'Incident', description: 'A reported incident with its denials, verification history and attribution' })
export class IncidentSchema implements IncidentResponse {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_INCIDENT_ID })
  incidentId: string;

  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRUCE_ID })
  truceId: string;

  @ApiProperty({ example: 'ARM', description: 'A party id, or a monitor/media source name (see reporterType)' })
  reportedBy: string;

  @ApiProperty({ enum: REPORTER_TYPES, example: 'party' })
  reporterType: ReporterType;

  @ApiProperty({ example: 'AZE' })
  accusedParty: string;

  @ApiProperty({ type: TimeSpecDto })
  occurredAt: TimeSpecDto;

  @ApiProperty({ type: PlaceDto })
  location: PlaceDto;

  @ApiProperty({ enum: WEAPONS, isArray: true, example: ['artillery'] })
  weapons: Weapon[];

  @ApiProperty({ type: CasualtiesSchema, description: 'The latest figures (missing numbers are 0)' })
  casualties: CasualtiesSchema;

  @ApiProperty({ type: String, nullable: true, example: 'Shelling near Kapan; one civilian killed' })
  description: string | null;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ enum: CLASSIFICATIONS, enumName: 'Classification', description: "Against the truce's current effective instant", example: 'post_truce' })
  classification: Classification;

  @ApiProperty({ type: VerificationSchema })
  verification: VerificationSchema;

  @ApiProperty({ type: AttributionSchema, nullable: true, description: 'The latest attribution finding' })
  attribution: AttributionSchema | null;

  @ApiProperty({ type: [DenialSchema] })
  denials: DenialSchema[];

  @ApiProperty({ description: 'A retracted report counts nowhere', example: false })
  retracted: boolean;

  @ApiProperty({ type: RetractionSchema, nullable: true })
  retraction: RetractionSchema | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The incident this one answers (a counter-accusation)', example: null })
  respondsTo: string | null;

  @ApiProperty({
    type: [String],
    example: ['kapan-area'],
    description: 'The zones in force whose geometry contains the location (point in polygon, edges inside); [] without coordinates',
  })
  zones: string[];

  @ApiProperty({ format: 'date-time', description: 'When the report was recorded', example: EXAMPLE_RECORDED_AT })
  recordedAt: string;

  @ApiProperty({ type: 'integer', description: "The incident stream's version (for If-Match)", example: 2 })
  streamVersion: number;
}

@ApiSchema({ name: 'IncidentPage', description: "A truce's incidents, in the order reported" })
export class IncidentPageSchema implements IncidentPage {
  @ApiProperty({ type: [IncidentSchema] })
  items: IncidentSchema[];

  @NextCursor()
  nextCursor: string | null;
}

@ApiSchema({ name: 'IncidentReported' })
export class IncidentReportedSchema extends WriteResultSchema implements IncidentReported {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_INCIDENT_ID })
  incidentId: string;

  @ApiProperty({
    example: 'post_truce',
    enum: CLASSIFICATIONS,
    enumName: 'Classification',
    description: "Where the incident's time window lies relative to the truce's effective instant",
  })
  classification: Classification;
}
