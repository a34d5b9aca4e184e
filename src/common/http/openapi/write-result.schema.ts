import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { WriteResult } from '../write-result';

/** What every write answers (API.md, "Write responses"). */
@ApiSchema({ name: 'WriteResult' })
export class WriteResultSchema implements WriteResult {
  @ApiProperty({ type: 'integer', example: 42, description: 'Global position of the last event written; pass it as ?minPosition= to read your write' })
  position: number;

  @ApiProperty({ type: 'integer', example: 3, description: "The stream's version after the write; also sent as ETag, for the next If-Match" })
  streamVersion: number;
}
