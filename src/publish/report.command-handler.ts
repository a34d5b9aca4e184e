import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { Clock } from '../common/clock';
import { Recorded } from '../common/domain/domain-event';
import { RequestValidationError } from '../common/http/validation';
import { WriteResult } from '../common/http/write-result';
import { ReadConsistency } from '../event-store/read-consistency';
import { StreamWriter } from '../write-path/stream-writer';
import { CommandMessage } from '../write-path/write-context';
import { decideReport, foldReports, ReportCheckpoint, ReportEvent, reportsStreamId } from './domain/report';
import { periodFigures } from './domain/report-figures';
import { bucketBounds, MAX_BUCKETS } from './domain/time-buckets';
import { LogCheckpoint } from './log-checkpoint';
import { PublishedRecordReader } from './published-record.reader';

export interface PublishReportRequest {
  truceId: string;
  title: string;
  period: { from: string; to: string };
  tz: string;
  summary: string | null;
  supersedes: string | null;
}

export interface ReportPublishedResult extends WriteResult {
  reportId: string;
  asOf: string;
  checkpoint: ReportCheckpoint;
}

export class PublishReportMessage extends CommandMessage<PublishReportRequest, ReportPublishedResult> {}

/**
 * Publishing freezes the record time (DOMAIN.md): `asOf` is read from the clock first, then the
 * log is checkpointed (a tree holding everything recorded up to `asOf`), then the figures are
 * computed from the record as of `asOf` — so the same figures come out of any later replay as of
 * `asOf`, and the checkpoint proves which log they were drawn from. The report's own event is
 * appended after, outside that tree: it is a statement about the log, not part of what it counts.
 */
@CommandHandler(PublishReportMessage)
export class PublishReportHandler implements ICommandHandler<PublishReportMessage> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly reader: PublishedRecordReader,
    private readonly checkpoint: LogCheckpoint,
    private readonly consistency: ReadConsistency,
    private readonly clock: Clock,
  ) {}

  execute({ command, ctx }: PublishReportMessage): Promise<ReportPublishedResult> {
    const from = Date.parse(command.period.from);
    const to = Date.parse(command.period.to);
    if (from >= to) throw new RequestValidationError([{ field: 'period.to', message: 'period.to must be later than period.from' }]);
    if (!bucketBounds(from, to, 'day', command.tz, MAX_BUCKETS)) {
      throw new RequestValidationError([{ field: 'period', message: `a report covers at most ${MAX_BUCKETS} days` }]);
    }
    const reportId = randomUUID();
    return this.writer.write(ctx, reportsStreamId(command.truceId), async (stream) => {
      const asOf = this.clock.now().toISOString();
      const { checkpoint, position } = await this.checkpoint.coveringNow();
      // The record is read from the read side (a replica, if any): it must have replayed that log first.
      await this.consistency.waitFor(position);
      const record = await this.reader.read(command.truceId, asOf);
      const covered = periodFigures(record, command.period, command.tz, asOf);
      const data = { reportId, ...command, asOf, checkpoint, ...covered };
      return {
        events: decideReport({ type: 'PublishReport', data }, foldReports(stream as Recorded<ReportEvent>[])),
        result: ({ position, streamVersion }) => ({ reportId, asOf, checkpoint, position, streamVersion }),
      };
    });
  }
}
