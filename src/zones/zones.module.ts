import { Module } from '@nestjs/common';
import { WritePathModule } from '../write-path/write-path.module';
import { ZoneCommandHandler } from './zone.command-handler';
import { ZonesController } from './zones.controller';
import { ZonesReader } from './zones.reader';

/** Zones: their commands (on the truce stream) and reads; ZonesReader for the slices that place things in zones. */
@Module({
  imports: [WritePathModule],
  controllers: [ZonesController],
  providers: [ZoneCommandHandler, ZonesReader],
  exports: [ZonesReader],
})
export class ZonesModule {}
