import { PROBLEM_CONTENT_TYPE, problemType, titleFor } from './problem';

/** The part of Fastify's reply this needs (kept narrow so common/ stays free of the adapter's types). */
export interface ProblemReply {
  code(status: number): ProblemReply;
  header(name: string, value: string): ProblemReply;
  send(payload: string): unknown;
}

/**
 * Fastify's router answers a few requests itself, before any hook, handler or filter runs — a
 * path parameter over its length limit (414), a URL it cannot decode (400) — in Fastify's own
 * JSON. Given as Fastify's `frameworkErrors` option, this answers them as problem+json like every
 * other refusal.
 */
export function answerFrameworkError(error: Error & { code?: string; statusCode?: number }, reply: ProblemReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = tooLong ? 414 : error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const code = tooLong ? 'REQUEST.URI_TOO_LONG' : 'REQUEST.MALFORMED';
  const detail = tooLong
    ? 'The URL is too long: a path segment may hold at most 100 characters.'
    : 'The URL is not valid: a path segment could not be decoded.';
  reply
    .code(status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify({ type: problemType(code), title: titleFor(status), status, detail, code }));
}
