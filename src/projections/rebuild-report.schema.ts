import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { RebuildReport } from './rebuild.service';

@ApiSchema({ name: 'RebuildReport' })
export class RebuildReportSchema implements RebuildReport {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Events folded into the new read models', example: 42 })
  events: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 180 })
  durationMs: number;
}
