import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { SourceDto } from '../source.dto';
import { PlaceDto, TimeSpecDto } from '../../../incidents/dto/incident-values.dto';
import type { Classification } from '../../../incidents/domain/classification';
import { REPORTER_TYPES, ReporterType, Weapon, WEAPONS } from '../../../incidents/domain/incident.events';
import type { IncidentResponse } from '../../../incidents/queries/get-incident/incident.presenter';
import { CasualtiesSchema } from './casualties.schema';
import { CLASSIFICATIONS } from './enums';
import { AttributionSchema, DenialSchema, RetractionSchema, VerificationSchema } from './incident-findings.schema';

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

  @ApiProperty({ format: 'date-time', description: 'When the report was recorded' })
  recordedAt: string;

  @ApiProperty({ type: 'integer', description: "The incident stream's version (for If-Match)" })
  streamVersion: number;
}
