import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { requestPath } from '../common/http/streaming';
import { canonicalJson } from '../event-store/canonical-json';
import { WriteContext } from './write-context';
import { RequestValidationError } from '../common/http/validation';

const IF_MATCH = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/;
const TOKEN = /^[\x21-\x7e]{1,200}$/;

/** The request as the API key guard leaves it (the write path needs only this of auth). */
type AuthenticatedRequest = { headers: IncomingHttpHeaders; method: string; body?: unknown; principal?: { name: string; role: string }; id?: unknown };

/**
 * The write context of a request: the key's name as actor, a correlation id, the
 * Idempotency-Key scoped to key, method and path (API.md), and If-Match as a stream version.
 */
export const Write = createParamDecorator((_: unknown, ctx: ExecutionContext): WriteContext => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  const actor = request.principal?.name ?? 'anonymous';
  const context: WriteContext = {
    actor,
    isAdmin: request.principal?.role === 'admin',
    // Without an X-Correlation-Id, the request id (X-Request-Id, and the request's log line) ties
    // the events to the request that wrote them.
    correlationId: headerToken(request, 'x-correlation-id') ?? (typeof request.id === 'string' ? request.id : randomUUID()),
  };

  const key = headerToken(request, 'idempotency-key');
  if (key !== undefined) {
    // The path as the router matched it: case and a trailing slash do not make a new scope.
    const path = requestPath(request).toLowerCase().replace(/\/+$/, '');
    // Kept as a digest: the raw key stays with the client (see WriteContext.seal).
    context.idempotency = {
      scope: sha256Hex(`${actor}\n${request.method}\n${path}\n${key}`),
      fingerprint: fingerprint(request.body),
    };
    context.seal = createHash('sha256').update(`ceasefire-monitor seal\n${actor}\n${key}`).digest();
  }

  const ifMatch = request.headers['if-match'];
  if (ifMatch !== undefined) {
    const match = typeof ifMatch === 'string' ? IF_MATCH.exec(ifMatch) : null;
    if (!match) throw new RequestValidationError([{ field: 'If-Match', message: 'must be a stream version, e.g. "3"' }]);
    context.ifMatch = Number(match[1]);
  }
  return context;
});

/** Runs before body validation, so it must survive any body JSON can express (a deep nest). */
function fingerprint(body: unknown): string {
  try {
    return createHash('sha256')
      .update(canonicalJson(body ?? null))
      .digest('hex');
  } catch {
    throw new RequestValidationError([{ field: '(body)', message: 'the body is nested too deeply' }]);
  }
}

function headerToken(request: AuthenticatedRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !TOKEN.test(value)) {
    throw new RequestValidationError([{ field: name, message: 'must be 1–200 visible ASCII characters' }]);
  }
  return value;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
