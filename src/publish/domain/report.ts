import { DomainError } from '../../common/domain/domain-error';
import { DomainEvent, Recorded } from '../../common/domain/domain-event';
import { ReportFigures } from './report-figures';

/**
 * The reports of a truce live in one stream per truce, `reports-<truceId>`, not in the truce's
 * own stream and not one per report:
 * - not in `truce-<id>`: a report is no fact about the truce, and its events would move the
 *   truce's stream version (its ETag), so an admin's If-Match on a lifecycle write would fail
 *   because a verifier published a report meanwhile;
 * - not one stream per report: "a report is superseded at most once" is a rule across reports,
 *   and only a stream that holds them all lets optimistic concurrency enforce it — two
 *   corrections of one report racing each other append at the same version, and the second is
 *   decided again on a stream that already names the first (409).
 * Reports are few (a daily report per truce), so the stream never contends.
 */
export const REPORTS_STREAM_PREFIX = 'reports-';
export const reportsStreamId = (truceId: string): string => `${REPORTS_STREAM_PREFIX}${truceId}`;
export const isReportsStream = (streamId: string): boolean => streamId.startsWith(REPORTS_STREAM_PREFIX);

/** A signed checkpoint of the log, as GET /checkpoint?format=json serves it. */
export interface ReportCheckpoint {
  origin: string;
  treeSize: number;
  rootHash: string;
  signedNote: string;
}

/** What a monitor publishes: the data of ReportPublished, frozen at `asOf`; never edited. */
export interface PublishedReport {
  reportId: string;
  truceId: string;
  title: string;
  period: { from: string; to: string };
  tz: string;
  summary: string | null;
  supersedes: string | null;
  /** Record time of the figures: only events recorded at or before it count. */
  asOf: string;
  /** The signed checkpoint of a log that holds every event recorded up to `asOf`. */
  checkpoint: ReportCheckpoint;
  figures: ReportFigures;
  incidents: string[];
  observations: string[];
}

export type ReportPublished = DomainEvent<'ReportPublished', PublishedReport>;
export type ReportEvent = ReportPublished;

export interface ReportState extends PublishedReport {
  supersededBy: string | null;
  recordedAt: string;
}

/** The reports of one truce, in publication order: the fold of its reports stream. */
export function foldReports(events: readonly Recorded<ReportEvent>[]): ReportState[] {
  const reports: ReportState[] = [];
  for (const event of events) {
    if (event.type !== 'ReportPublished') continue;
    const superseded = event.data.supersedes ? reports.find((r) => r.reportId === event.data.supersedes) : undefined;
    if (superseded) superseded.supersededBy = event.data.reportId;
    reports.push({ ...event.data, supersededBy: null, recordedAt: event.recordedAt });
  }
  return reports;
}

export type ReportCommand = { type: 'PublishReport'; data: PublishedReport };

/**
 * A report may correct only a report of the same truce (422 otherwise), and only one that no
 * other report corrects yet (409: someone corrected it first — read it, and supersede that one).
 */
export function decideReport(command: ReportCommand, reports: readonly ReportState[]): ReportEvent[] {
  const { data } = command;
  if (data.supersedes !== null) {
    const superseded = reports.find((r) => r.reportId === data.supersedes);
    if (!superseded) {
      throw DomainError.rejected('REPORT.SUPERSEDES_UNKNOWN', `No report ${data.supersedes} is published for truce ${data.truceId}.`);
    }
    if (superseded.supersededBy !== null) {
      throw DomainError.conflict(
        'REPORT.ALREADY_SUPERSEDED',
        `Report ${data.supersedes} is already superseded by report ${superseded.supersededBy}: supersede that one instead.`,
      );
    }
  }
  return [{ type: 'ReportPublished', schemaVersion: 1, data }];
}
