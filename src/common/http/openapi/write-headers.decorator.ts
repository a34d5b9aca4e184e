import { ApiHeader } from '@nestjs/swagger';

/** The request headers the Write() context reads (write-path/write-context.decorator.ts). */
const TOKEN = { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' } as const;

export const IdempotencyKeyHeader = (
  description = 'Makes the POST safe to retry. Scoped to the API key, method and path: a repeat with the same key and body returns the first response and appends nothing; the same key with another body is 422 (IDEMPOTENCY.KEY_REUSED). 1–200 visible ASCII characters.',
) => ApiHeader({ name: 'Idempotency-Key', required: false, description, schema: { ...TOKEN }, example: '7d0e9c4a-report-1' });

export const IfMatchHeader = () =>
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'The stream version last seen (the ETag or `streamVersion` of a write, or `streamVersion` of a read). If the stream is at another version: 409 (STREAM.VERSION_CONFLICT). Without it, a write that races another is decided again on the fresher stream.',
    schema: { type: 'string', pattern: '^\\s*(W/)?"?\\d{1,9}"?\\s*$' },
    example: '"3"',
  });

export const CorrelationIdHeader = () =>
  ApiHeader({
    name: 'X-Correlation-Id',
    required: false,
    description: "Recorded in each written event's metadata.correlationId; when absent, the request id (X-Request-Id) is. 1–200 visible ASCII characters.",
    schema: { ...TOKEN },
  });

/** The response header every write sets (attachStreamVersionEtag). */
export const ETAG_HEADER = {
  ETag: {
    description: 'The stream version after the write, quoted: send it as If-Match on the next write to this stream',
    schema: { type: 'string', example: '"3"' },
  },
} as const;
