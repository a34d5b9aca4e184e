import { Module } from '@nestjs/common';
import { AgreeTruceHandler } from './commands/agree-truce/agree-truce.handler';
import { CollapseTruceHandler } from './commands/collapse-truce/collapse-truce.handler';
import { EndTruceHandler } from './commands/end-truce/end-truce.handler';
import { RecordMilestoneHandler } from './commands/record-milestone/record-milestone.handler';
import { ResumeTruceHandler } from './commands/resume-truce/resume-truce.handler';
import { ReviseEffectiveTimeHandler } from './commands/revise-effective-time/revise-effective-time.handler';
import { SuspendTruceHandler } from './commands/suspend-truce/suspend-truce.handler';
import { TruceLoader } from './application/truce-loader';
import { TruceRecordCache } from './application/truce-record.cache';
import { GetTruceHistoryHandler } from './queries/get-truce-history/get-truce-history.handler';
import { GetTruceStatusHandler } from './queries/get-truce-status/get-truce-status.handler';
import { ListTrucesHandler } from './queries/list-truces/list-truces.handler';
import { TrucesController } from './truces.controller';
import { StreamWriter } from '../common/application/stream-writer';

@Module({
  controllers: [TrucesController],
  providers: [
    StreamWriter,
    TruceLoader,
    TruceRecordCache,
    AgreeTruceHandler,
    CollapseTruceHandler,
    EndTruceHandler,
    ReviseEffectiveTimeHandler,
    SuspendTruceHandler,
    ResumeTruceHandler,
    RecordMilestoneHandler,
    GetTruceStatusHandler,
    ListTrucesHandler,
    GetTruceHistoryHandler,
  ],
  exports: [TruceLoader, StreamWriter],
})
export class TrucesModule {}
