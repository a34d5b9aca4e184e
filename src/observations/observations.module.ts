import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrucesModule } from '../truces/truces.module';
import { WritePathModule } from '../write-path/write-path.module';
import { ZonesModule } from '../zones/zones.module';
import { ObservationCommandHandler } from './observation.command-handler';
import { ObservationExportsController } from './observation-exports.controller';
import { GetObservationHandler, ListObservationsHandler } from './observation.queries';
import { ObservationView } from './observation-view.entity';
import { ObservationZones } from './observation-zones';
import { ObservationsController } from './observations.controller';

/** Observations: their commands, queries, exports and read model; of a truce they know only TruceFacts. */
@Module({
  imports: [TypeOrmModule.forFeature([ObservationView]), WritePathModule, TrucesModule, ZonesModule],
  controllers: [ObservationsController, ObservationExportsController],
  providers: [ObservationCommandHandler, GetObservationHandler, ListObservationsHandler, ObservationZones],
})
export class ObservationsModule {}
