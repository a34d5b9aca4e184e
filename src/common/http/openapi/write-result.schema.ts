import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { WriteResult } from '../../application/write-context';
import { CLASSIFICATIONS } from './enums';
import type { Classification } from '../../../incidents/domain/classification';
import type { ReportBreachResult } from '../../../incidents/commands/report-breach/report-breach.command';
import type { AgreeTruceResult } from '../../../truces/commands/agree-truce/agree-truce.command';

/** What every write answers (API.md, "Write responses"). */
@ApiSchema({ name: 'WriteResult' })
export class WriteResultSchema implements WriteResult {
  @ApiProperty({ type: 'integer', example: 42, description: 'Global position of the last event written; pass it as ?minPosition= to read your write' })
  position: number;

  @ApiProperty({ type: 'integer', example: 3, description: "The stream's version after the write; also sent as ETag, for the next If-Match" })
  streamVersion: number;
}

@ApiSchema({ name: 'TruceCreated' })
export class TruceCreatedSchema extends WriteResultSchema implements AgreeTruceResult {
  @ApiProperty({ format: 'uuid' })
  truceId: string;
}

@ApiSchema({ name: 'IncidentReported' })
export class IncidentReportedSchema extends WriteResultSchema implements ReportBreachResult {
  @ApiProperty({ format: 'uuid' })
  incidentId: string;

  @ApiProperty({ enum: CLASSIFICATIONS, enumName: 'Classification', description: "Where the incident's time window lies relative to the truce's effective instant" })
  classification: Classification;
}
