import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { IntegrityReport } from '../../../event-store/integrity.service';
import { CheckpointSchema } from '../../../event-store/transparency/transparency.schemas';

@ApiSchema({ name: 'IntegrityReport', description: 'Every stream\'s hash chain recomputed, and a digest of the whole log' })
export class IntegrityReportSchema implements IntegrityReport {
  @ApiProperty({ description: 'Every hash, link and version checks out' })
  ok: boolean;

  @ApiProperty({ type: 'integer', minimum: 0 })
  checkedEvents: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The last position covered' })
  headPosition: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) over `position:hash` of every event up to headPosition, in order: record it and re-check later' })
  digest: string;

  @ApiPropertyOptional({ type: 'integer', description: 'The lowest position whose hash, link or version does not check out (only when ok is false)' })
  firstBroken?: number;

  @ApiProperty({ format: 'date-time', description: 'When every chain was last recomputed from the first event; events appended since were each checked against their predecessor' })
  fullCheckAt: string;

  @ApiProperty({
    type: CheckpointSchema,
    description: 'The signed checkpoint of the events up to headPosition: its treeSize is their number (logIndex 0 to treeSize − 1), the same events the digest covers',
  })
  checkpoint: CheckpointSchema;
}
