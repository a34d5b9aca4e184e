import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import type { LogLevelName } from '../config/app-config';
import { requestIdOf } from './request-id';

/**
 * Never written to the log, wherever they turn up: the request log carries no headers at all,
 * and these paths catch a header object that a later change might log.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["idempotency-key"]',
  'authorization',
  'cookie',
];

/**
 * The pino logger everything logs through, at LOG_LEVEL (nestjs-pino builds it with pino-http).
 * pino-http's own request line is off: RequestLog writes it from a Fastify hook, which knows the
 * route pattern the request matched, and binds the request id to the logs made meanwhile.
 */
export function pinoOptions(level: LogLevelName): Options<IncomingMessage, ServerResponse> {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    autoLogging: false,
    genReqId: (req) => requestIdOf(req),
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
  };
}
