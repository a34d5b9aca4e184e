import { RecordedEvent } from './event-store.types';

/** The columns of the events table, as pg returns them. */
export interface EventRow {
  position: string;
  log_index: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: any;
  metadata: any;
  recorded_at: Date;
  hash: string;
  prev_hash: string | null;
}

export const EVENT_COLUMNS = 'position, log_index, stream_id, stream_version, type, schema_version, data, metadata, recorded_at, hash, prev_hash';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    position: Number(row.position),
    logIndex: Number(row.log_index),
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}
