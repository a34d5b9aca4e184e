import { Module } from '@nestjs/common';
import { TruceRecordModule } from '../truce-record/truce-record.module';
import { WritePathModule } from '../write-path/write-path.module';
import { LogCheckpoint } from './log-checkpoint';
import { ReportsController, TrucePublicationsController } from './publish.controller';
import { PublishedRecordReader } from './published-record.reader';
import { PublishReportHandler } from './report.command-handler';
import { GetReportHandler, GetReportMarkdownHandler, ListReportsHandler, PublishedReports } from './reports.queries';
import { GetTimeSeriesHandler } from './time-series.query';

/** What monitors publish (DOMAIN.md): time series of a truce's record, and periodic reports frozen at their record time. */
@Module({
  imports: [TruceRecordModule, WritePathModule],
  controllers: [TrucePublicationsController, ReportsController],
  providers: [
    PublishedRecordReader,
    PublishedReports,
    LogCheckpoint,
    GetTimeSeriesHandler,
    PublishReportHandler,
    GetReportHandler,
    GetReportMarkdownHandler,
    ListReportsHandler,
  ],
})
export class PublishModule {}
