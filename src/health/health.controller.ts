import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { HealthResultSchema } from './health-result.schema';
import { ReadDatabase } from '../database/read-database';
import { EventStore } from '../event-store/event-store.service';
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
    private readonly reads: ReadDatabase,
    private readonly store: EventStore,
  ) {}

  /** The process is up. */
  @Get('live')
  @HealthCheck(HEALTH_CHECK)
  @ApiOkResponse({ type: HealthResultSchema, description: 'The process is up' })
  @ProblemResponses([503], { 503: 'The service is shutting down' })
  live() {
    return this.health.check([]);
  }

  /**
   * Ready only when the database answers and every migration is applied — and, with a read
   * replica, when the replica answers too (its lag is reported, but a lagging replica is still
   * ready: `?minPosition=` reads wait for it, or say 503 READ.REPLICA_BEHIND).
   */
  @Get('ready')
  @HealthCheck(HEALTH_CHECK)
  @ApiOkResponse({ type: HealthResultSchema, description: 'The database (and the read replica, if any) answers and every migration is applied' })
  @ProblemResponses([503], { 503: 'Not ready: the database or the read replica does not answer, or a migration is pending' })
  ready() {
    const checks = [() => this.db.pingCheck('database', { timeout: 2000 }), () => this.migrations()];
    return this.health.check(this.reads.isReplica ? [...checks, () => this.replica()] : checks);
  }

  /** `replica`: reachable, and how far behind the primary in positions and in seconds of replay. */
  private async replica() {
    const indicator = this.indicators.check('replica');
    try {
      const [state, head] = await Promise.all([this.reads.state(), this.store.headPosition()]);
      return indicator.up({ ...state, lagPositions: Math.max(0, head - state.replayedPosition) });
    } catch {
      // Not the error itself: it would name the replica's address to anyone asking.
      return indicator.down({ reachable: false });
    }
  }

  private async migrations() {
    const indicator = this.indicators.check('migrations');
    const pending = await this.dataSource.showMigrations();
    return pending ? indicator.down({ pending: true }) : indicator.up();
  }
}
