import { DataSource } from 'typeorm';
import { RecordedEvent } from '../event-store/event-store.types';
import { evolveObservation, OBSERVATION_STREAM_PREFIX, ObservationState } from '../observations/domain/observation';

/** The part of a cached truce record that holds its observations. */
export interface ObservationHolder {
  observations: Map<string, ObservationState>;
  generation: number;
}

/**
 * The observations side of TruceRecordCache: which truce each cached observation belongs to,
 * how many are held, and how an observation event or a load from observation_view changes
 * the truce's record. Kept apart so the cache's incident logic stays as it was.
 */
export class CachedObservations {
  private readonly observationTruce = new Map<string, string>();
  private held = 0;

  get size(): number {
    return this.held;
  }

  /** Applies an observation event to its truce's record, if cached; false for any other stream. */
  apply(event: RecordedEvent, entryOf: (truceId: string) => ObservationHolder | undefined): boolean {
    if (!event.streamId.startsWith(OBSERVATION_STREAM_PREFIX)) return false;
    const observationId = event.streamId.slice(OBSERVATION_STREAM_PREFIX.length);
    const truceId = event.type === 'ObservationRecorded' ? (event.data.truceId as string) : this.observationTruce.get(observationId);
    const entry = truceId === undefined ? undefined : entryOf(truceId);
    if (!entry) return true;
    const current = entry.observations.get(observationId) ?? null;
    if (current && event.streamVersion <= current.version) return true;
    const next = evolveObservation(current, event as never);
    if (!next) return true;
    if (!current) {
      this.observationTruce.set(observationId, truceId!);
      this.held += 1;
    }
    entry.observations.set(observationId, next);
    entry.generation += 1;
    return true;
  }

  /** From the read model, a batch at a time. */
  async load(dataSource: DataSource, truceId: string, entry: ObservationHolder, batchSize: number): Promise<void> {
    for (let after = 0; ;) {
      const batch: { position: string; state: ObservationState }[] = await dataSource.query(
        'SELECT position, state FROM observation_view WHERE truce_id = $1 AND position > $2 ORDER BY position LIMIT $3',
        [truceId, after, batchSize],
      );
      for (const { state } of batch) {
        if (!entry.observations.has(state.observationId)) this.held += 1;
        entry.observations.set(state.observationId, state);
        this.observationTruce.set(state.observationId, truceId);
      }
      if (batch.length < batchSize) return;
      after = Number(batch[batch.length - 1].position);
    }
  }

  /** The truce's record was evicted. */
  forget(entry: ObservationHolder): void {
    for (const observationId of entry.observations.keys()) this.observationTruce.delete(observationId);
    this.held -= entry.observations.size;
  }
}
