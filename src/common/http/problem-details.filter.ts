import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainError } from '../domain/domain-error';
import { isDatabaseUnavailable, ServiceUnavailableError } from '../errors/unavailable';
import { Problem, PROBLEM_CONTENT_TYPE, problemType, titleFor } from './problem';
import { nodeRequest, nodeResponse } from './streaming';
import { RequestValidationError } from './validation';

const DEFAULT_CODES: Record<number, string> = {
  400: 'REQUEST.MALFORMED',
  404: 'ROUTE.NOT_FOUND',
  413: 'BODY.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

const KIND_STATUS = { not_found: 404, forbidden: 403, conflict: 409, rejected: 422 } as const;

/**
 * What the HTTP server itself refuses before a route runs (Fastify's FST_ERR_* errors carry a
 * `statusCode`), in the words a client can act on.
 */
const SERVER_REFUSALS: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY.TOO_LARGE', detail: 'The request body is over the configured limit.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    detail: 'The body must be JSON: send it with Content-Type: application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'REQUEST.MALFORMED', detail: 'The Content-Length does not match the body.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'REQUEST.MALFORMED', detail: 'The body is empty.' },
};

const SERVER_REFUSALS_BY_STATUS: Record<number, { code: string; detail: string }> = {
  413: SERVER_REFUSALS.FST_ERR_CTP_BODY_TOO_LARGE,
  415: SERVER_REFUSALS.FST_ERR_CTP_INVALID_MEDIA_TYPE,
};

/**
 * Every error leaves as application/problem+json (RFC 9457). Anything not recognised is a
 * server fault: logged with its stack, answered 500 without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<unknown>();
    const problem = this.toProblem(exception);
    const url = nodeRequest(ctx.getRequest<unknown>())?.url;
    if (url) problem.instance = url;
    if (problem.status === 503) this.logger.warn(`${problem.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
    else if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (nodeResponse(response, { handOver: false }).headersSent) return;
    const http = this.adapterHost.httpAdapter;
    if (problem.status === 401) http.setHeader(response, 'WWW-Authenticate', 'Bearer');
    const wait = retryAfter(exception, problem.status);
    if (wait !== null) http.setHeader(response, 'Retry-After', String(wait));
    http.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    http.reply(response, JSON.stringify(problem), problem.status);
  }

  toProblem(exception: unknown): Problem {
    if (exception instanceof ServiceUnavailableError) {
      return { type: problemType(exception.code), title: titleFor(503), status: 503, detail: exception.message, code: exception.code };
    }
    if (isDatabaseUnavailable(exception)) {
      const code = 'DATABASE.UNAVAILABLE';
      return { type: problemType(code), title: titleFor(503), status: 503, detail: 'The database cannot be reached right now; try again shortly.', code };
    }
    if (exception instanceof DomainError) {
      const status = KIND_STATUS[exception.kind];
      return { type: problemType(exception.code), title: titleFor(status), status, detail: exception.message, code: exception.code };
    }
    if (exception instanceof RequestValidationError) {
      return {
        type: problemType('REQUEST.INVALID'),
        title: titleFor(400),
        status: 400,
        detail: 'The request is invalid; see errors.',
        code: 'REQUEST.INVALID',
        errors: exception.errors,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : Array.isArray((body as any).message)
            ? (body as any).message.join('; ')
            : String((body as any).message ?? exception.message);
      // The server's own refusals reach here as plain HttpExceptions: give them the words of SERVER_REFUSALS.
      const plain = (body as any)?.code === undefined ? SERVER_REFUSALS_BY_STATUS[status] : undefined;
      const code = (body as any)?.code ?? plain?.code ?? DEFAULT_CODES[status] ?? `HTTP.${status}`;
      const problem: Problem = { type: problemType(code), title: titleFor(status), status, detail: plain?.detail ?? detail, code };
      // A failed readiness check says which dependency failed (terminus puts it in `details`).
      if (body && typeof body === 'object' && 'details' in body) problem.checks = body.details;
      return problem;
    }
    const refused = serverRefusal(exception);
    if (refused) return refused;
    return { type: 'about:blank', title: titleFor(500), status: 500, detail: 'An unexpected error occurred.' };
  }
}

/** Fastify's own refusals (a body too large, a content type it has no parser for): 4xx errors with a statusCode. */
function serverRefusal(exception: unknown): Problem | null {
  const { statusCode, code, message } = (exception ?? {}) as { statusCode?: unknown; code?: unknown; message?: unknown };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500) return null;
  const known = typeof code === 'string' ? SERVER_REFUSALS[code] : undefined;
  const problemCode = known?.code ?? DEFAULT_CODES[statusCode] ?? `HTTP.${statusCode}`;
  return {
    type: problemType(problemCode),
    title: titleFor(statusCode),
    status: statusCode,
    detail: known?.detail ?? (typeof message === 'string' ? message : titleFor(statusCode)),
    code: problemCode,
  };
}

/** Seconds for Retry-After: on every 503 and on a 429 that says how long. */
function retryAfter(exception: unknown, status: number): number | null {
  if (exception instanceof ServiceUnavailableError) return exception.retryAfterSeconds;
  if (status === 503) return 2;
  if (status === 429 && exception instanceof HttpException) {
    const wait = (exception.getResponse() as { retryAfter?: unknown }).retryAfter;
    if (typeof wait === 'number') return wait;
  }
  return null;
}
