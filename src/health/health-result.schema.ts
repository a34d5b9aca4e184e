import { ApiProperty, ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';

/** Health indicator results by check name ("database", "migrations", and "replica" with READ_DATABASE_URL). */
const byIndicator = (description: string, example: object): ApiPropertyOptions => ({
  type: 'object',
  additionalProperties: {
    type: 'object',
    required: ['status'],
    properties: { status: { type: 'string', enum: ['up', 'down'] } },
    additionalProperties: true,
  },
  description,
  example,
});
const ALL_UP = { database: { status: 'up' }, migrations: { status: 'up' } };

/** What @nestjs/terminus answers when every check passes. */
@ApiSchema({ name: 'HealthResult' })
export class HealthResultSchema {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiProperty(byIndicator('The checks that passed', ALL_UP))
  info: Record<string, { status: string }>;

  @ApiProperty(byIndicator('The checks that failed (none when ok)', {}))
  error: Record<string, { status: string }>;

  @ApiProperty(byIndicator('Every check', ALL_UP))
  details: Record<string, { status: string }>;
}
