import { applyDecorators, Type } from '@nestjs/common';
import { ApiOkResponse, DECORATORS } from '@nestjs/swagger';
import type { ExamplesObject } from '@nestjs/swagger';
import { ProblemResponses, ProblemStatus } from './problem-responses.decorator';

export interface ReadProblemOptions {
  /** The route names no resource by id (a list or the whole log), so it cannot answer 404. */
  noPathId?: boolean;
}

/**
 * Reads answer 400 for bad query parameters, 404 for an unknown id, 503 while the database cannot
 * be reached; 401/429 only when reads need a key.
 */
export function ReadProblems(options: ReadProblemOptions = {}) {
  const problems: ProblemStatus[] = options.noPathId ? [400, 401, 429, 503] : [400, 401, 404, 429, 503];
  return ProblemResponses(problems, {
    401: 'No valid API key (AUTH.UNAUTHENTICATED); only when the service runs with READ_REQUIRES_KEY=true',
    429: 'Too many failed authentications from this address (AUTH.RATE_LIMITED); only when the service runs with READ_REQUIRES_KEY=true',
  });
}

export interface ReadEndpointOptions extends ReadProblemOptions {
  /** Whole answers, where one reads better than the examples of the schema's properties. */
  examples?: ExamplesObject;
}

/** A JSON read: 200 with `type` (described as its @ApiSchema describes it), and ReadProblems. */
export function ReadEndpoint(type: Type<unknown>, options: ReadEndpointOptions = {}) {
  const { examples, ...problems } = options;
  return applyDecorators(ApiOkResponse({ type, description: describe(type), ...(examples ? { examples } : {}) }), ReadProblems(problems));
}

function describe(type: Type<unknown>): string {
  const schemas: { name?: string; description?: string }[] = Reflect.getOwnMetadata(DECORATORS.API_SCHEMA, type) ?? [];
  const schema = schemas[schemas.length - 1];
  return schema?.description ?? schema?.name ?? type.name;
}
