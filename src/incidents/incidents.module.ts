import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrucesModule } from '../truces/truces.module';
import { WritePathModule } from '../write-path/write-path.module';
import { ZonesModule } from '../zones/zones.module';
import { IncidentCommandHandler } from './incident.command-handler';
import { IncidentExportsController } from './incident-exports.controller';
import { GetIncidentHandler, ListIncidentsHandler } from './incident.queries';
import { IncidentView } from './incident-view.entity';
import { IncidentsController } from './incidents.controller';

/** Incidents: their commands, queries, exports and read model; of a truce they know only TruceFacts. */
@Module({
  imports: [TypeOrmModule.forFeature([IncidentView]), WritePathModule, TrucesModule, ZonesModule],
  controllers: [IncidentsController, IncidentExportsController],
  providers: [IncidentCommandHandler, GetIncidentHandler, ListIncidentsHandler],
})
export class IncidentsModule {}
