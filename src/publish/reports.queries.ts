import { Injectable } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { Recorded } from '../common/domain/domain-event';
import { DomainError } from '../common/domain/domain-error';
import { EventStore } from '../event-store/event-store.service';
import { CheckpointService } from '../event-store/transparency/checkpoints';
import { foldReports, ReportEvent, ReportState, reportsStreamId } from './domain/report';
import { renderReportMarkdown } from './domain/report-markdown';
import { PublishedRecordReader } from './published-record.reader';

export interface ReportPage {
  items: ReportState[];
}

export class GetReportQuery extends Query<ReportState> {
  constructor(readonly reportId: string) {
    super();
  }
}

/** The report as a Markdown document a mission could publish as is. */
export class GetReportMarkdownQuery extends Query<string> {
  constructor(readonly reportId: string) {
    super();
  }
}

/** The reports of a truce, newest first. */
export class ListReportsQuery extends Query<ReportPage> {
  constructor(readonly truceId: string) {
    super();
  }
}

/**
 * Reports are read from their truce's reports stream (see domain/report.ts), not from a read
 * model: they are few, and a fold of the stream also says which report superseded which. A
 * report is found by id through the log's (type, position) index: only ReportPublished rows are
 * looked at.
 */
@Injectable()
export class PublishedReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async reportsOf(truceId: string): Promise<ReportState[]> {
    return foldReports((await this.store.readStream(reportsStreamId(truceId))) as Recorded<ReportEvent>[]);
  }

  async report(reportId: string): Promise<ReportState> {
    const rows: { stream_id: string }[] = await this.dataSource.query(
      `SELECT stream_id FROM events WHERE type = 'ReportPublished' AND data->>'reportId' = $1 LIMIT 1`,
      [reportId],
    );
    const report = rows.length ? (await this.reportsOfStream(rows[0].stream_id)).find((r) => r.reportId === reportId) : undefined;
    if (!report) throw DomainError.notFound('REPORT.NOT_FOUND', `No report ${reportId} is published.`);
    return report;
  }

  private async reportsOfStream(streamId: string): Promise<ReportState[]> {
    return foldReports((await this.store.readStream(streamId)) as Recorded<ReportEvent>[]);
  }
}

@QueryHandler(GetReportQuery)
export class GetReportHandler implements IQueryHandler<GetReportQuery> {
  constructor(private readonly reports: PublishedReports) {}

  execute({ reportId }: GetReportQuery): Promise<ReportState> {
    return this.reports.report(reportId);
  }
}

@QueryHandler(GetReportMarkdownQuery)
export class GetReportMarkdownHandler implements IQueryHandler<GetReportMarkdownQuery> {
  constructor(
    private readonly reports: PublishedReports,
    private readonly reader: PublishedRecordReader,
    private readonly checkpoints: CheckpointService,
  ) {}

  async execute({ reportId }: GetReportMarkdownQuery): Promise<string> {
    const report = await this.reports.report(reportId);
    // The covered incidents as the report saw them: the record as of its asOf, not as of today.
    const record = await this.reader.read(report.truceId, report.asOf);
    const covered = new Set(report.incidents);
    return renderReportMarkdown(
      report,
      record.incidents.filter((i) => covered.has(i.incidentId)),
      this.checkpoints.verifierKey,
    );
  }
}

@QueryHandler(ListReportsQuery)
export class ListReportsHandler implements IQueryHandler<ListReportsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: PublishedReports,
  ) {}

  async execute({ truceId }: ListReportsQuery): Promise<ReportPage> {
    const [truce] = await this.dataSource.query('SELECT 1 FROM truce_view WHERE truce_id = $1', [truceId]);
    if (!truce) throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
    return { items: (await this.reports.reportsOf(truceId)).reverse() };
  }
}
