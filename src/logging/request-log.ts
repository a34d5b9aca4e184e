import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import type { Level } from 'pino';

/** The label of requests no route matched: a scanner's random URLs must not make a line shape each. */
export const UNMATCHED_ROUTE = '(unmatched)';

/** Scraped every few seconds: one line each at info would bury the requests that matter. */
const ROUTINE_ROUTES = new Set(['/metrics', '/health/live', '/health/ready']);

/** Requests whose handling runs in a logging context that already binds their request id. */
const BOUND = new WeakSet<FastifyRequest>();

/** The route pattern the router matched (`/truces/:truceId`), never the URL with its ids. */
export const routeOf = (request: FastifyRequest): string => request.routeOptions.url ?? UNMATCHED_ROUTE;

/**
 * One JSON line per request, once answered: method, route pattern, status, duration and request
 * id. No body, no query string, no header: bodies carry reports, headers carry keys. Every answer
 * carries its request id as X-Request-Id.
 */
@Injectable()
export class RequestLog {
  constructor(private readonly logger: PinoLogger) {
    logger.setContext('http');
  }

  attach(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      void reply.header('X-Request-Id', request.id);
      // The rest of the request runs in a logging context: whatever logs while handling it
      // (a warning from the store, say) carries its request id.
      BOUND.add(request);
      this.logger.runInContext(done, { bindings: { requestId: request.id } });
    });
    fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
      const status = reply.statusCode;
      const route = routeOf(request);
      const fields = { method: request.method, route, status, durationMs: Math.round(reply.elapsedTime * 10) / 10 };
      // Within the request's context the id is already bound: written again, the line would carry the key twice.
      const line = BOUND.has(request) ? fields : { requestId: request.id, ...fields };
      this.logger[levelOf(status, route)](line, 'request completed');
    });
  }
}

function levelOf(status: number, route: string): Level {
  if (status >= 500 && status !== 503) return 'error';
  // Overload and shutdown answers: expected under pressure, worth seeing.
  if (status === 503) return 'warn';
  return ROUTINE_ROUTES.has(route) ? 'debug' : 'info';
}
