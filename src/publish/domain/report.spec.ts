import { aBreachReported, aVerificationChanged, incidentFrom, recorded, refusal, theTruce } from '../../../test/support/domain-builders';
import { Recorded } from '../../common/domain/domain-event';
import { incidentItems } from './countable-item';
import { decideReport, foldReports, PublishedReport, ReportEvent } from './report';
import { periodFigures } from './report-figures';
import { renderReportMarkdown } from './report-markdown';

const TRUCE_ID = theTruce().truceId;
const PERIOD = { from: '2020-10-09T20:00:00.000Z', to: '2020-10-10T20:00:00.000Z' };

function aReport(reportId: string, overrides: Partial<PublishedReport> = {}): PublishedReport {
  return {
    reportId,
    truceId: TRUCE_ID,
    title: `Report ${reportId}`,
    period: PERIOD,
    tz: 'Asia/Baku',
    summary: null,
    supersedes: null,
    asOf: '2020-10-11T00:00:00.000Z',
    checkpoint: { origin: 'test/log', treeSize: 3, rootHash: '00'.repeat(32), signedNote: 'test/log\n3\nAA==\n\n— test/log sig\n' },
    figures: { summary: {} as never, timeseries: [] },
    incidents: [],
    observations: [],
    ...overrides,
  };
}

const published = (...reports: PublishedReport[]): Recorded<ReportEvent>[] =>
  reports.map((data, i) => ({ type: 'ReportPublished', schemaVersion: 1, data, recordedAt: `2020-10-11T00:0${i}:00.000Z`, streamVersion: i + 1 }));

describe('reports: publication and supersession', () => {
  it('publishes a first report', () => {
    expect(decideReport({ type: 'PublishReport', data: aReport('r1') }, [])).toEqual([{ type: 'ReportPublished', schemaVersion: 1, data: aReport('r1') }]);
  });

  it('folds who superseded whom', () => {
    const reports = foldReports(published(aReport('r1'), aReport('r2', { supersedes: 'r1' }), aReport('r3')));
    expect(reports.map((r) => [r.reportId, r.supersedes, r.supersededBy])).toEqual([
      ['r1', null, 'r2'],
      ['r2', 'r1', null],
      ['r3', null, null],
    ]);
  });

  it('refuses to supersede a report the truce does not have (422), or one already superseded (409)', () => {
    const reports = foldReports(published(aReport('r1'), aReport('r2', { supersedes: 'r1' })));
    const unknown = refusal(() => decideReport({ type: 'PublishReport', data: aReport('r3', { supersedes: 'elsewhere' }) }, reports));
    expect([unknown.kind, unknown.code]).toEqual(['rejected', 'REPORT.SUPERSEDES_UNKNOWN']);
    const twice = refusal(() => decideReport({ type: 'PublishReport', data: aReport('r3', { supersedes: 'r1' }) }, reports));
    expect([twice.kind, twice.code]).toEqual(['conflict', 'REPORT.ALREADY_SUPERSEDED']);
    expect(twice.message).toContain('r2');
    expect(decideReport({ type: 'PublishReport', data: aReport('r3', { supersedes: 'r2' }) }, reports)).toHaveLength(1);
  });
});

describe('periodFigures', () => {
  const truce = theTruce();
  const effectiveAt = Date.parse(truce.effectiveAt);
  const classify = (w: { from: number; to: number }) => (w.from >= effectiveAt ? 'post_truce' : w.to <= effectiveAt ? 'pre_truce' : 'ambiguous');
  const kapan = incidentFrom([aBreachReported()]);
  const late = incidentFrom([aBreachReported({ incidentId: 'late', occurredAt: { from: '2020-10-10T20:00:00.000Z', precision: 'minute' } })]);
  const refuted = incidentFrom([
    aBreachReported({ incidentId: 'refuted' }),
    recorded(aVerificationChanged('refuted'), { streamVersion: 2, recordedAt: '2020-10-10T12:00:00.000Z' }),
  ]);
  const incidents = [kapan, late, refuted];
  const record = { truce, incidents, observations: [], items: incidentItems(incidents, classify) };

  it('counts only what occurred in [from, to): the end is excluded', () => {
    const { figures, incidents: covered } = periodFigures(record, PERIOD, 'Asia/Baku', '2020-10-11T00:00:00.000Z');
    expect(covered).toEqual([kapan.incidentId, 'refuted']);
    expect(figures.summary.counts.byVerification).toMatchObject({ unverified: 1, refuted: 1 });
    expect(figures.summary).toMatchObject({ at: PERIOD.to, asOf: '2020-10-11T00:00:00.000Z' });
    expect(figures.timeseries).toHaveLength(1);
    expect(figures.timeseries[0].total.breaches).toBe(1);
  });

  it('is a function of its inputs: the same record gives the same figures', () => {
    expect(periodFigures(record, PERIOD, 'Asia/Baku', '2020-10-11T00:00:00.000Z')).toEqual(
      periodFigures(record, PERIOD, 'Asia/Baku', '2020-10-11T00:00:00.000Z'),
    );
  });

  it('renders a document with the local period, the figures and the checkpoint', () => {
    const { figures, incidents: ids, observations } = periodFigures(record, PERIOD, 'Asia/Baku', '2020-10-11T00:00:00.000Z');
    const report = {
      ...aReport('r1', { figures, incidents: ids, observations, summary: '> quoted | piped' }),
      supersededBy: 'r2',
      recordedAt: '2020-10-11T00:00:01.000Z',
    };
    const md = renderReportMarkdown(report, [kapan], 'test/log+key');
    expect(md).toContain('2020-10-10 00:00 (UTC+04:00) to 2020-10-11 00:00 (UTC+04:00), Asia/Baku');
    expect(md).toContain('**This report is superseded** by report `r2`.');
    expect(md).toContain('\\> quoted | piped');
    expect(md).toMatch(/\| Breaches counted \(post-truce\) \| \d \|\n\| … unverified \| 1 \|\n/);
    expect(md).toContain('| … refuted | 1 |');
    expect(md).toContain('| 2020-10-10 12:10 (UTC+04:00) | AZE | ARM | Kapan | artillery | unverified | no | 1 | 0 |');
    expect(md).toContain('test/log\n3\nAA==\n\n— test/log sig\n```');
    expect(md).toContain('`test/log+key`');
  });
});
