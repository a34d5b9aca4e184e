import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { FailedLine, ImportSummary } from './import-line';

@ApiSchema({ name: 'ImportRowError' })
class ImportRowErrorSchema {
  @ApiProperty({ example: 'accusedParty', description: 'The field at fault, `(line)` for a line that is not a JSON object, `(row)` for the row as a whole' })
  field: string;

  @ApiProperty({ example: "accusedParty: 'XYZ' is not a party of this truce (parties: ARM, AZE)." })
  message: string;

  @ApiPropertyOptional({ example: 'TRUCE.NOT_A_PARTY', description: 'The domain refusal, when the domain refused the row' })
  code?: string;
}

@ApiSchema({ name: 'ImportFailedLine' })
class FailedLineSchema implements FailedLine {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Line number in the body (1-based; blank lines count)' })
  line: number;

  @ApiProperty({ type: [ImportRowErrorSchema] })
  errors: ImportRowErrorSchema[];
}

@ApiSchema({ name: 'ImportSummary', description: 'What an import recorded; refused rows did not stop the others' })
export class ImportSummarySchema implements ImportSummary {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rows recorded now' })
  imported: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Rows already recorded (by an earlier import of the same rows), or repeated in the body: not recorded again',
  })
  skipped: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rows refused, all of them (`failed` lists the first 1000)' })
  failedCount: number;

  @ApiProperty({ type: [FailedLineSchema], description: 'Refused rows, in line order, with why' })
  failed: FailedLineSchema[];
}
