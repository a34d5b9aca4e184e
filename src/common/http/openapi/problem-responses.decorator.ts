import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { HeadersObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../problem';
import { ProblemDetailsSchema } from './problem-details.schema';

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

/** What each status means across this API (API.md, "Errors"), with the codes it carries. */
const PROBLEMS: Record<ProblemStatus, { description: string; headers?: HeadersObject }> = {
  400: { description: 'Bad input: REQUEST.INVALID (see `errors`, one entry per field or header), or REQUEST.MALFORMED (e.g. bad JSON)' },
  401: {
    description: 'No valid API key (AUTH.UNAUTHENTICATED)',
    headers: { 'WWW-Authenticate': { description: 'Always `Bearer`', schema: { type: 'string', example: 'Bearer' } } },
  },
  403: { description: "The key's role is not enough (AUTH.FORBIDDEN)" },
  404: { description: 'Unknown id (e.g. TRUCE.NOT_FOUND, INCIDENT.NOT_FOUND, or ID.NOT_FOUND for an id that is not a UUID)' },
  409: { description: 'Version conflict (STREAM.VERSION_CONFLICT): If-Match names a version other than the stream is at' },
  413: { description: 'The body is over the configured limit, 1 MB by default (BODY.TOO_LARGE)' },
  415: { description: 'The body is not of the media type the route takes (REQUEST.UNSUPPORTED_MEDIA_TYPE)' },
  422: {
    description:
      'Well-formed, but refused by the domain (e.g. TRUCE.COLLAPSED, INCIDENT.RETRACTED), or IDEMPOTENCY.KEY_REUSED: the Idempotency-Key was used with another body',
  },
  429: {
    description: 'Too many failed authentications from this address (AUTH.RATE_LIMITED); requests with a valid key are never refused so',
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } },
  },
  503: {
    description:
      'Not available now, through no fault of the request: the database cannot be reached (DATABASE.UNAVAILABLE), a queue or connection cap is full, or the service is shutting down',
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } },
  },
};

/**
 * For routes under RequireRole, which already describes 401 and 403 (naming the role needed):
 * empty descriptions here keep its words, and these responses add only the problem+json body.
 */
export const DESCRIBED_BY_REQUIRE_ROLE: Partial<Record<ProblemStatus, string>> = { 401: '', 403: '' };

/**
 * Error responses as ProblemDetailsFilter writes them: application/problem+json with the
 * ProblemDetails schema. `descriptions` replaces the generic meaning of a status for one route.
 */
export function ProblemResponses(statuses: readonly ProblemStatus[], descriptions: Partial<Record<ProblemStatus, string>> = {}) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsSchema),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: descriptions[status] ?? PROBLEMS[status].description,
        ...(PROBLEMS[status].headers ? { headers: PROBLEMS[status].headers } : {}),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsSchema) } } },
      }),
    ),
  );
}
