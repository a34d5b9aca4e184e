import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { WriteResultSchema } from '../common/http/openapi/write-result.schema';
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
  @ApiProperty({ enum: VERIFICATION_STATUSES, enumName: 'VerificationStatus' })
  status: VerificationStatus;

  @ApiProperty({ example: 'OSCE SMM' })
  by: string;

  @ApiProperty({ enum: VERIFICATION_METHODS })
  method: VerificationMethod;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'Verification' })
export class VerificationSchema implements Readonly<IncidentState['verification']> {
  @ApiProperty({ enum: VERIFICATION_STATUSES, enumName: 'VerificationStatus', description: 'The latest finding (unverified until one is recorded)' })
  status: VerificationStatus;

  @ApiProperty({ type: [VerificationStepSchema], description: 'Every finding, in the order recorded' })
  history: VerificationStepSchema[];
}

@ApiSchema({ name: 'Attribution', description: "A monitor's attribution finding" })
export class AttributionSchema implements Attribution {
  @ApiProperty({ example: 'AZE', description: `A party id, or \`${NOT_ATTRIBUTABLE}\`` })
  attributedTo: string;

  @ApiProperty()
  by: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'Denial' })
export class DenialSchema implements Denial {
  @ApiProperty({ example: 'AZE', description: 'The party denying' })
  deniedBy: string;

  @ApiProperty(statementProperty())
  statement: Statement;

  @ApiProperty({ enum: CHARACTERIZATIONS })
  characterization: Characterization;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'Retraction' })
export class RetractionSchema implements NonNullable<IncidentState['retracted']> {
  @ApiProperty({ description: 'Who retracted (the API key name)' })
  by: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

/** GET /incidents/{incidentId}: mirrors presentIncident(), which the compiler checks through `implements`. */
@ApiSchema({ name: 'Incident', description: 'A reported incident with its denials, verification history and attribution' })
export class IncidentSchema implements IncidentResponse {
  @ApiProperty({ format: 'uuid' })
  incidentId: string;

  @ApiProperty({ format: 'uuid' })
  truceId: string;

  @ApiProperty({ example: 'ARM', description: 'A party id, or a monitor/media source name (see reporterType)' })
  reportedBy: string;

  @ApiProperty({ enum: REPORTER_TYPES })
  reporterType: ReporterType;

  @ApiProperty({ example: 'AZE' })
  accusedParty: string;

  @ApiProperty({ type: TimeSpecDto })
  occurredAt: TimeSpecDto;

  @ApiProperty({ type: PlaceDto })
  location: PlaceDto;

  @ApiProperty({ enum: WEAPONS, isArray: true })
  weapons: Weapon[];

  @ApiProperty({ type: CasualtiesSchema, description: 'The latest figures (missing numbers are 0)' })
  casualties: CasualtiesSchema;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ enum: CLASSIFICATIONS, enumName: 'Classification', description: "Against the truce's current effective instant" })
  classification: Classification;

  @ApiProperty({ type: VerificationSchema })
  verification: VerificationSchema;

  @ApiProperty({ type: AttributionSchema, nullable: true, description: 'The latest attribution finding' })
  attribution: AttributionSchema | null;

  @ApiProperty({ type: [DenialSchema] })
  denials: DenialSchema[];

  @ApiProperty({ description: 'A retracted report counts nowhere' })
  retracted: boolean;

  @ApiProperty({ type: RetractionSchema, nullable: true })
  retraction: RetractionSchema | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The incident this one answers (a counter-accusation)' })
  respondsTo: string | null;

  @ApiProperty({
    type: [String],
    example: ['kapan-area'],
    description: 'The zones in force whose geometry contains the location (point in polygon, edges inside); [] without coordinates',
  })
  zones: string[];

  @ApiProperty({ format: 'date-time', description: 'When the report was recorded' })
  recordedAt: string;

  @ApiProperty({ type: 'integer', description: "The incident stream's version (for If-Match)" })
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
  @ApiProperty({ format: 'uuid' })
  incidentId: string;

  @ApiProperty({
    enum: CLASSIFICATIONS,
    enumName: 'Classification',
    description: "Where the incident's time window lies relative to the truce's effective instant",
  })
  classification: Classification;
}
