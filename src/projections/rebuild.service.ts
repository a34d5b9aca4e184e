import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventStore } from '../event-store/event-store.service';
import { APPEND_LOCK_KEY } from '../event-store/append-lock';
import { INLINE_PROJECTION, InlineProjection } from '../event-store/inline-projection';

export interface RebuildReport {
  events: number;
  durationMs: number;
}

/**
 * Rebuilds every read model from the log in one transaction: readers keep seeing the old rows
 * (MVCC) until it commits, never a half-built model. It holds the append lock, so appends wait
 * for it rather than interleave; the log is streamed in batches, so memory stays bounded.
 */
@Injectable()
export class RebuildService {
  private readonly logger = new Logger(RebuildService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
    @Inject(INLINE_PROJECTION) private readonly projector: InlineProjection,
  ) {}

  async rebuild(onProgress?: (done: number) => void): Promise<RebuildReport> {
    const started = Date.now();
    let count = 0;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
      // DELETE, not TRUNCATE: TRUNCATE's exclusive lock would block every reader until commit.
      await manager.query('DELETE FROM incident_view');
      await manager.query('DELETE FROM truce_view');
      for await (const batch of this.store.readAllBatches({ manager })) {
        await this.projector.apply(manager, batch);
        count += batch.length;
        onProgress?.(count);
      }
    });
    const durationMs = Date.now() - started;
    this.logger.log(`Rebuilt read models from ${count} events in ${durationMs} ms`);
    return { events: count, durationMs };
  }
}
