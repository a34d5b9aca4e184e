import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { EventStore } from '../event-store/event-store.service';

/** Prometheus metrics: the process defaults plus what an operator of an event log watches. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly appended: Counter<'type'>;

  constructor(store: EventStore) {
    collectDefaultMetrics({ register: this.registry });
    this.appended = new Counter({
      name: 'ceasefire_events_appended_total',
      help: 'Events appended by this instance, by event type',
      labelNames: ['type'],
      registers: [this.registry],
    });
    this.gauge('ceasefire_event_log_head_position', 'Highest committed global position in the event log', () => store.headPosition());
  }

  /**
   * A gauge read when Prometheus scrapes, for a slice that metrics must not import (the record
   * cache, which sits above the write path): the slice registers what to read.
   */
  gauge(name: string, help: string, read: () => number | Promise<number>): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        this.set(await read());
      },
    });
  }
}
