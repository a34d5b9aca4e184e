import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth/auth.module';
import { Clock, SystemClock } from './common/clock';
import { validateConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthModule } from './health/health.module';
import { INCIDENT_UPCASTERS } from './incidents/domain/incident.upcasters';
import { IncidentsModule } from './incidents/incidents.module';
import { IncidentExportsModule } from './incidents/queries/export-incidents/incident-exports.module';
import { MetricsModule } from './metrics/metrics.module';
import { ProjectionsModule } from './projections/projections.module';
import { ReadModelProjector } from './projections/read-model-projector';
import { TrucesModule } from './truces/truces.module';

@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
class ClockModule {}

/**
 * Built by a call rather than at import, so the environment is read (and validated) when the
 * app starts — after main.ts has pointed DATABASE_URL at the embedded database, or a test has
 * set its keys.
 */
@Module({})
export class AppModule {
  static register(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: validateConfig }),
        ClockModule,
        DatabaseModule,
        CqrsModule.forRoot(),
        EventStoreModule.register({ projection: ReadModelProjector, upcasters: INCIDENT_UPCASTERS }),
        AuthModule,
        TrucesModule,
        IncidentsModule,
        IncidentExportsModule,
        ProjectionsModule,
        HealthModule,
        MetricsModule,
      ],
    };
  }
}
