import { Injectable } from '@nestjs/common';
import { EventStore } from '../event-store/event-store.service';
import { MetricsService } from '../metrics/metrics.service';
import { TruceRecordCache } from './truce-record.cache';

/**
 * How far the in-memory record cache trails the log. The read models are written in the append
 * transaction and never trail it; the cache catches up before each answer, so a lag that stays
 * high while status reads are served means catching up is slow.
 */
@Injectable()
export class TruceRecordMetrics {
  constructor(metrics: MetricsService, cache: TruceRecordCache, store: EventStore) {
    metrics.gauge(
      'ceasefire_truce_record_cache_lag_positions',
      "Log positions between the log's head and the last one the truce record cache folded in (0 before its first read)",
      async () => {
        const applied = cache.appliedPosition;
        return applied === null ? 0 : Math.max(0, (await store.headPosition()) - applied);
      },
    );
  }
}
