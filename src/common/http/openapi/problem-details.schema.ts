import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Problem } from '../problem';

@ApiSchema({ name: 'FieldError' })
export class FieldErrorSchema {
  @ApiProperty({ example: 'effectiveAt', description: 'The field (dotted path), header or `(body)` at fault' })
  field: string;

  @ApiProperty({ example: 'effectiveAt must be an ISO 8601 instant with a time zone' })
  message: string;
}

/** Every error, as ProblemDetailsFilter writes it: application/problem+json (RFC 9457). */
@ApiSchema({ name: 'ProblemDetails', description: 'RFC 9457 problem details; every error of this API has this shape' })
export class ProblemDetailsSchema implements Problem {
  @ApiProperty({
    example: 'urn:ceasefire-monitor:problem:truce-not-found',
    description: 'A URI for the kind of problem, derived from `code` (`about:blank` for a server fault)',
  })
  type: string;

  @ApiProperty({ example: 'Not Found', description: 'The HTTP status phrase' })
  title: string;

  @ApiProperty({ type: 'integer', example: 404 })
  status: number;

  @ApiProperty({ example: 'No truce 3f0c2a9e-8d7b-4c55-9a8e-2f1d6b7c9e01 is recorded.' })
  detail: string;

  @ApiPropertyOptional({ example: 'TRUCE.NOT_FOUND', description: 'A stable code for programs to branch on' })
  code?: string;

  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'Validation failures (400): one entry per field at fault' })
  errors?: FieldErrorSchema[];

  @ApiPropertyOptional({ example: '/truces/3f0c2a9e-8d7b-4c55-9a8e-2f1d6b7c9e01', description: 'The request path' })
  instance?: string;
}
