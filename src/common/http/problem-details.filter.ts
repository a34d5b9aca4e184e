import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../domain/domain-error';
import { isDatabaseUnavailable, ServiceUnavailableError } from '../errors/unavailable';
import { Problem, PROBLEM_CONTENT_TYPE, problemType, titleFor } from './problem';
import { RequestValidationError } from './validation';

const DEFAULT_CODES: Record<number, string> = { 400: 'REQUEST.MALFORMED', 404: 'ROUTE.NOT_FOUND', 413: 'BODY.TOO_LARGE' };

const KIND_STATUS = { not_found: 404, forbidden: 403, conflict: 409, rejected: 422 } as const;

/**
 * Every error leaves as application/problem+json (RFC 9457). Anything not recognised is a
 * server fault: logged with its stack, answered 500 without internals.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse<Response>();
    const request = ctx.getRequest<Request>();
    const problem = this.toProblem(exception);
    problem.instance = request?.originalUrl;
    if (problem.status === 503) this.logger.warn(`${problem.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
    else if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (problem.status === 503 && !response.getHeader('Retry-After')) response.setHeader('Retry-After', String(retryAfter(exception)));
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
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
    // Nest also raises body-parser failures (bad JSON, 413) as HttpExceptions.
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const detail =
        typeof body === 'string'
          ? body
          : Array.isArray((body as any).message)
            ? (body as any).message.join('; ')
            : String((body as any).message ?? exception.message);
      const code = (body as any)?.code ?? DEFAULT_CODES[status] ?? `HTTP.${status}`;
      const problem: Problem = { type: problemType(code), title: titleFor(status), status, detail, code };
      // A failed readiness check says which dependency failed (terminus puts it in `details`).
      if (body && typeof body === 'object' && 'details' in body) problem.checks = body.details;
      return problem;
    }
    return { type: 'about:blank', title: titleFor(500), status: 500, detail: 'An unexpected error occurred.' };
  }
}

function retryAfter(exception: unknown): number {
  return exception instanceof ServiceUnavailableError ? exception.retryAfterSeconds : 2;
}
