import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { EventMetadata, RecordedEvent } from '../../../event-store/event-store.types';

@ApiSchema({ name: 'EventMetadata' })
export class EventMetadataSchema implements EventMetadata {
  [key: string]: unknown;

  @ApiProperty({ example: 'alice-reporter', description: 'The name of the API key that wrote the event' })
  actor: string;

  @ApiProperty({ description: 'X-Correlation-Id of the request, or one generated for it' })
  correlationId: string;

  @ApiProperty({ type: String, nullable: true })
  causationId: string | null;
}

/** An event of the log as stored (RecordedEvent). */
@ApiSchema({ name: 'Event', description: 'An event of the log, as stored' })
export class EventSchema implements RecordedEvent {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Global position: strictly increasing in commit order' })
  position: number;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    example: 41,
    description: "0, 1, 2, … in commit order with no gaps: the event's leaf in the log's Merkle tree (GET /proofs/inclusion?logIndex=)",
  })
  logIndex: number;

  @ApiProperty({ example: 'truce-3f0c2a9e-8d7b-4c55-9a8e-2f1d6b7c9e01' })
  streamId: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  streamVersion: number;

  @ApiProperty({ example: 'BreachReported' })
  type: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  schemaVersion: number;

  @ApiProperty({ type: 'object', additionalProperties: true, description: "The event's data, by type and schemaVersion" })
  data: Record<string, unknown>;

  @ApiProperty({ type: EventMetadataSchema })
  metadata: EventMetadataSchema;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 (hex) of prevHash and the canonical event' })
  hash: string;

  @ApiProperty({ type: String, nullable: true, pattern: '^[0-9a-f]{64}$', description: "The stream's previous hash; null for its first event" })
  prevHash: string | null;
}
