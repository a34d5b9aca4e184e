import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { EventMetadata, RecordedEvent } from './event-store.types';
import type { IntegrityReport } from './integrity.service';
import { CheckpointSchema } from './transparency/transparency.schemas';

@ApiSchema({ name: 'EventMetadata' })
export class EventMetadataSchema implements EventMetadata {
  [key: string]: unknown;

  @ApiProperty({ example: 'alice-reporter', description: 'The name of the API key that wrote the event' })
  actor: string;

  @ApiProperty({ description: 'X-Correlation-Id of the request, or else its request id (X-Request-Id)' })
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

/** GET /events: a page of the log. */
export interface EventPage {
  items: RecordedEvent[];
  nextAfter: number;
}

@ApiSchema({ name: 'EventPage', description: 'The log in commit order' })
export class EventPageSchema implements EventPage {
  @ApiProperty({ type: [EventSchema] })
  items: EventSchema[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Pass as ?after= for the next page (the last position returned, or `after` when none)' })
  nextAfter: number;
}

/** GET /streams/{streamId}/events: one stream. */
export interface StreamEvents {
  streamId: string;
  items: RecordedEvent[];
}

@ApiSchema({ name: 'StreamEvents', description: 'One stream, in version order' })
export class StreamEventsSchema implements StreamEvents {
  @ApiProperty()
  streamId: string;

  @ApiProperty({ type: [EventSchema] })
  items: EventSchema[];
}

@ApiSchema({ name: 'IntegrityReport', description: "Every stream's hash chain recomputed, and a digest of the whole log" })
export class IntegrityReportSchema implements IntegrityReport {
  @ApiProperty({ description: 'Every hash, link and version checks out' })
  ok: boolean;

  @ApiProperty({ type: 'integer', minimum: 0 })
  checkedEvents: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'The last position covered' })
  headPosition: number;

  @ApiProperty({
    pattern: '^[0-9a-f]{64}$',
    description: 'SHA-256 (hex) over `position:hash` of every event up to headPosition, in order: record it and re-check later',
  })
  digest: string;

  @ApiPropertyOptional({ type: 'integer', description: 'The lowest position whose hash, link or version does not check out (only when ok is false)' })
  firstBroken?: number;

  @ApiProperty({
    format: 'date-time',
    description: 'When every chain was last recomputed from the first event; events appended since were each checked against their predecessor',
  })
  fullCheckAt: string;

  @ApiProperty({
    type: CheckpointSchema,
    description:
      'The signed checkpoint of the events up to headPosition: its treeSize is their number (logIndex 0 to treeSize − 1), the same events the digest covers',
  })
  checkpoint: CheckpointSchema;
}
