import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { HealthResultSchema } from './health-result.schema';
import { ProblemResponses } from '../common/http/openapi/problem-responses.decorator';

/**
 * terminus's own OpenAPI says a failed check answers its result as application/json; here the
 * exception it throws leaves through ProblemDetailsFilter, so the 503 is problem+json.
 * noCache stays as @HealthCheck() sets it by default.
 */
const HEALTH_CHECK = { noCache: true, swaggerDocumentation: false };

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
  ) {}

  /** The process is up. */
  @Get('live')
  @HealthCheck(HEALTH_CHECK)
  @ApiOkResponse({ type: HealthResultSchema, description: 'The process is up' })
  @ProblemResponses([503], { 503: 'The service is shutting down' })
  live() {
    return this.health.check([]);
  }

  /** Ready only when the database answers and every migration is applied. */
  @Get('ready')
  @HealthCheck(HEALTH_CHECK)
  @ApiOkResponse({ type: HealthResultSchema, description: 'The database answers and every migration is applied' })
  @ProblemResponses([503], { 503: 'Not ready: the database does not answer, or a migration is pending' })
  ready() {
    return this.health.check([() => this.db.pingCheck('database', { timeout: 2000 }), () => this.migrations()]);
  }

  private async migrations() {
    const indicator = this.indicators.check('migrations');
    const pending = await this.dataSource.showMigrations();
    return pending ? indicator.down({ pending: true }) : indicator.up();
  }
}
