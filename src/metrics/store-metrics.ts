import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { Gauge, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { READ_DATA_SOURCE } from '../database/read-database';
import { EventStore } from '../event-store/event-store.service';
import { LiveFeedHub } from '../event-store/live/live-feed-hub';
import { CheckpointService } from '../event-store/transparency/checkpoints';
import { LogTree } from '../event-store/transparency/log-tree';
import { MetricsService } from './metrics.service';

const SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

/**
 * The event store as an operator watches it: append batches (group commit), live-feed clients,
 * the connection pool and how far the signed checkpoints trail the log. Gauges are read when
 * Prometheus scrapes; the batches are told by the store (EventStore.observeBatches).
 */
@Injectable()
export class StoreMetrics {
  constructor(
    metrics: MetricsService,
    store: EventStore,
    hub: LiveFeedHub,
    dataSource: DataSource,
    @Inject(READ_DATA_SOURCE) readSource: DataSource,
    checkpoints: CheckpointService,
    tree: LogTree,
  ) {
    const registers = [metrics.registry];
    const batchRequests = new Histogram({
      name: 'ceasefire_append_batch_requests',
      help: 'Append requests per batch (one transaction)',
      buckets: SIZE_BUCKETS,
      registers,
    });
    const batchEvents = new Histogram({ name: 'ceasefire_append_batch_events', help: 'Events written per committed batch', buckets: SIZE_BUCKETS, registers });
    const batchSeconds = new Histogram({
      name: 'ceasefire_append_batch_duration_seconds',
      help: 'Time from taking a batch off the queue to its outcome, by outcome (committed, failed)',
      labelNames: ['outcome'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    store.observeBatches(({ requests, events, seconds, outcome }) => {
      batchRequests.observe(requests);
      if (outcome === 'committed') batchEvents.observe(events);
      batchSeconds.observe({ outcome }, seconds);
    });

    metrics.gauge('ceasefire_live_feed_subscribers', 'Live-feed (SSE) clients following the log tail on this instance', () => hub.attached);

    // Read at each scrape, not kept up to date: each pool knows its own counts. The read pool is
    // the replica's (READ_DATABASE_URL), shown only when it is not the primary's.
    const pools: [string, DataSource][] = [['primary', dataSource], ...(readSource !== dataSource ? [['read', readSource] as [string, DataSource]] : [])];
    new Gauge({
      name: 'ceasefire_db_pool_connections',
      help: 'Connections of each database pool (primary; read, with a replica): state=total (open), idle, waiting (clients queued for one), max (the pool size)',
      labelNames: ['pool', 'state'],
      registers,
      collect() {
        for (const [name, source] of pools) {
          const p = (source.driver as unknown as { master?: Pool }).master;
          this.set({ pool: name, state: 'total' }, p?.totalCount ?? 0);
          this.set({ pool: name, state: 'idle' }, p?.idleCount ?? 0);
          this.set({ pool: name, state: 'waiting' }, p?.waitingCount ?? 0);
          this.set({ pool: name, state: 'max' }, p?.options.max ?? 0);
        }
      },
    });

    metrics.gauge('ceasefire_checkpoint_age_seconds', 'Seconds since this instance signed its latest checkpoint (NaN before it has signed one)', () => {
      const latest = checkpoints.latestSigned;
      return latest ? (Date.now() - latest.signedAtMs) / 1000 : NaN;
    });
    metrics.gauge('ceasefire_checkpoint_entries_behind', "Log entries committed beyond this instance's latest signed checkpoint", async () => {
      return (await tree.size()) - (checkpoints.latestSigned?.treeSize ?? 0);
    });
  }
}
