import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IncidentView } from '../incidents/incident-view.entity';
import { TruceView } from '../truces/truce-view.entity';
import { TruceRecordCache } from './truce-record.cache';
import { TruceRecordController } from './truce-record.controller';
import { TruceRecordMetrics } from './truce-record.metrics';
import { GetTruceHistoryHandler, GetTruceStatusHandler, ListTrucesHandler } from './truce-record.queries';

/** The read side that combines truces and their incidents: status, as-of, the record cache, the timeline. */
@Module({
  imports: [TypeOrmModule.forFeature([TruceView, IncidentView])],
  controllers: [TruceRecordController],
  providers: [TruceRecordCache, TruceRecordMetrics, GetTruceStatusHandler, ListTrucesHandler, GetTruceHistoryHandler],
  // The published figures (src/publish) answer from the same cached record.
  exports: [TruceRecordCache],
})
export class TruceRecordModule {}
