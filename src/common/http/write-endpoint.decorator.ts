import { applyDecorators, Type } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiResponse } from '@nestjs/swagger';
import { DESCRIBED_BY_REQUIRE_ROLE, ProblemResponses, ProblemStatus } from './openapi/problem-responses.decorator';
import { CorrelationIdHeader, ETAG_HEADER, IdempotencyKeyHeader, IfMatchHeader } from './openapi/write-headers.decorator';
import { STREAM_VERSION_ETAG } from './stream-version-etag';

export interface WriteEndpointOptions {
  /** The write starts a stream under a fresh id: If-Match does not apply and no version can conflict. */
  newStream?: boolean;
  /** The route names no existing resource (no path id), so it cannot answer 404. */
  noPathId?: boolean;
}

/**
 * A POST through the Write() context: 201 with the result and its ETag (attachStreamVersionEtag); the
 * Idempotency-Key, If-Match and X-Correlation-Id request headers; and its problem responses.
 * Every write also carries RequireRole, which describes 401 and 403.
 */
export function WriteEndpoint(result: Type<unknown>, options: WriteEndpointOptions = {}) {
  const problems: ProblemStatus[] = [400, 401, 403];
  if (!options.noPathId) problems.push(404);
  if (!options.newStream) problems.push(409);
  problems.push(413, 422, 429, 503);
  return applyDecorators(
    RouteConfig({ [STREAM_VERSION_ETAG]: true }),
    ApiResponse({ status: 201, description: 'Recorded', type: result, headers: ETAG_HEADER }),
    IdempotencyKeyHeader(),
    ...(options.newStream ? [] : [IfMatchHeader()]),
    CorrelationIdHeader(),
    ProblemResponses(problems, DESCRIBED_BY_REQUIRE_ROLE),
  );
}
