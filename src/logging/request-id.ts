import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header a request id arrives in and is returned in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * What an incoming X-Request-Id may be to be kept: a short token of letters, digits and `._:-`,
 * as proxies and tracing systems send. Anything else (spaces, quotes, control characters, a
 * kilobyte of text) could forge log lines or bloat them, so it is replaced, not refused.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const REQUEST_ID = Symbol('requestId');

type WithRequestId = IncomingMessage & { [REQUEST_ID]?: string };

/**
 * The request's id: the caller's X-Request-Id when it is a sane token, else a new UUID. Kept on
 * the request, so Fastify (request.id), the request log and the write path all see the same one.
 */
export function requestIdOf(request: IncomingMessage): string {
  const raw = request as WithRequestId;
  if (raw[REQUEST_ID] === undefined) {
    const incoming = request.headers[REQUEST_ID_HEADER];
    raw[REQUEST_ID] = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  }
  return raw[REQUEST_ID];
}
