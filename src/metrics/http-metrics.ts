import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Histogram } from 'prom-client';
import { routeOf } from '../logging/request-log';
import { MetricsService } from './metrics.service';

type Labels = 'method' | 'route' | 'status';

/**
 * Requests and their latency by method, route pattern (`/truces/:truceId/incidents`, never the
 * URL with its ids: one series per route, not per truce) and status.
 */
@Injectable()
export class HttpMetrics {
  private readonly requests: Counter<Labels>;
  private readonly duration: Histogram<Labels>;

  constructor(metrics: MetricsService) {
    const labelNames: Labels[] = ['method', 'route', 'status'];
    this.requests = new Counter({
      name: 'ceasefire_http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames,
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: 'ceasefire_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (to the last byte for streamed answers), by method, route pattern and status',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metrics.registry],
    });
  }

  attach(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      const labels = { method: request.method, route: routeOf(request), status: String(reply.statusCode) };
      this.requests.inc(labels);
      this.duration.observe(labels, reply.elapsedTime / 1000);
    });
  }
}
