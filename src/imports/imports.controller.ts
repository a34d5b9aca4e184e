import { Controller, HttpCode, Post, Req, UnsupportedMediaTypeException } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { createHash, randomUUID } from 'node:crypto';
import { RequireRole } from '../auth/require-role.decorator';
import { DESCRIBED_BY_REQUIRE_ROLE, ProblemResponses } from '../common/http/openapi/problem-responses.decorator';
import { CorrelationIdHeader, IdempotencyKeyHeader } from '../common/http/openapi/write-headers.decorator';
import { RequestValidationError } from '../common/http/validation';
import { IdempotentImports } from './idempotent-import';
import { ImportSummary, MAX_LINE_BYTES } from './import-line';
import { ImportSummarySchema } from './import-summary.schema';
import { IncidentImporter } from './incident-importer';
import { isReadable, NDJSON_CONTENT_TYPE } from './ndjson-body';
import { ndjsonLines } from './ndjson-lines';

/** The request as the API key guard leaves it. */
type ImportRequest = { body?: unknown; headers: Record<string, string | string[] | undefined>; principal?: { name: string } };

const TOKEN = /^[\x21-\x7e]{1,200}$/;

@ApiTags('admin')
@Controller('admin/imports')
export class ImportsController {
  constructor(
    private readonly importer: IncidentImporter,
    private readonly idempotent: IdempotentImports,
  ) {}

  @Post()
  @HttpCode(200)
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Record a dataset of incident reports, one command per NDJSON line, through the same rules as POST /truces/{truceId}/incidents',
    description:
      'Each line: `{ "type": "ReportBreach" (optional), "truceId": "<uuid>", "sourceId": "<the row\'s stable id>" (optional), ...the body of POST /truces/{truceId}/incidents }`. ' +
      'The body is streamed, not buffered: it may be far larger than the JSON body limit (a line may be up to 1 MB). ' +
      "A row's incident id is the UUIDv5 of its truce and sourceId (or of the line itself), so posting the same rows again records nothing twice: they are counted as skipped. " +
      'Rows are written in chunks of 1000, each chunk in one transaction; a refused row (invalid, unknown truce, not a party…) is listed with its line number and does not stop the others.',
  })
  @ApiConsumes(NDJSON_CONTENT_TYPE)
  @ApiBody({
    schema: {
      type: 'string',
      example:
        '{"truceId":"…","sourceId":"row-1","reportedBy":"ARM","accusedParty":"AZE","occurredAt":{"from":"2020-10-10T09:00:00Z","precision":"hour"},"location":{"name":"Kapan"},"sources":[{"name":"AP"}]}\n',
    },
  })
  @ApiOkResponse({ type: ImportSummarySchema, description: 'The import ran to the end of the body' })
  @IdempotencyKeyHeader(
    'A repeat with the same key and body is answered with the first summary, without importing again; the same key with another body is 422',
  )
  @CorrelationIdHeader()
  @ProblemResponses([400, 401, 403, 415, 422, 429, 503], DESCRIBED_BY_REQUIRE_ROLE)
  run(@Req() request: ImportRequest): Promise<ImportSummary> {
    if (!isReadable(request.body)) {
      throw new UnsupportedMediaTypeException({
        message: `The body must be NDJSON, one command per line: send it with Content-Type: ${NDJSON_CONTENT_TYPE}.`,
        code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
      });
    }
    const correlationId = headerToken(request, 'x-correlation-id') ?? randomUUID();
    const key = headerToken(request, 'idempotency-key');
    const actor = request.principal?.name ?? 'anonymous';
    // Scoped to the key, method and path, as every other POST's (write-context.decorator.ts).
    const scope = key === undefined ? undefined : createHash('sha256').update(`${actor}\nPOST\n/admin/imports\n${key}`).digest('hex');
    return this.idempotent.run(scope, request.body, (body) => this.importer.run(ndjsonLines(body, MAX_LINE_BYTES), { actor, correlationId }));
  }
}

function headerToken(request: ImportRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !TOKEN.test(value)) throw new RequestValidationError([{ field: name, message: 'must be 1–200 visible ASCII characters' }]);
  return value;
}
