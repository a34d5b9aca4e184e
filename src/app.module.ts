import { DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from './auth/auth.module';
import { Clock, SystemClock } from './common/clock';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthModule } from './health/health.module';
import { INCIDENT_UPCASTERS } from './incidents/domain/incident.upcasters';
import { ImportsModule } from './imports/imports.module';
import { IncidentsModule } from './incidents/incidents.module';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { ObservationsModule } from './observations/observations.module';
import { ProjectionsModule } from './projections/projections.module';
import { PublishModule } from './publish/publish.module';
import { ReadModelProjector } from './projections/read-model-projector';
import { RelayModule } from './relay/relay.module';
import { StatusPageModule } from './status-page/status-page.module';
import { TruceRecordModule } from './truce-record/truce-record.module';
import { TrucesModule } from './truces/truces.module';
import { ZonesModule } from './zones/zones.module';

@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }],
  exports: [Clock],
})
class ClockModule {}

/** Built from a validated configuration, so main.ts, the CLIs and the tests each pass their own. */
@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule,
        ClockModule,
        DatabaseModule,
        CqrsModule.forRoot(),
        EventStoreModule.register({ projection: ReadModelProjector, upcasters: INCIDENT_UPCASTERS }),
        AuthModule,
        TrucesModule,
        IncidentsModule,
        ZonesModule,
        ImportsModule,
        ObservationsModule,
        TruceRecordModule,
        PublishModule,
        ProjectionsModule,
        HealthModule,
        MetricsModule,
        StatusPageModule,
        RelayModule,
      ],
    };
  }
}
