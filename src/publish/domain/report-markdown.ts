import { IncidentState, VERIFICATION_STATUSES } from '../../incidents/domain/incident';
import { timeWindow, totalOf } from '../../incidents/domain/value-objects';
import { ReportState } from './report';
import { localTime } from './time-buckets';

/** Text in a table cell: no pipe may open a column, no newline end the row. */
function cell(text: string | number | null | undefined): string {
  return String(text ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}

function table(header: string[], rows: (string | number | null)[][]): string[] {
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** One line of text from the user, safe at the start of a Markdown line (no heading, list or quote by accident). */
function plain(text: string): string {
  return text.replace(/^([#>*+\-=`|]|\d+\.)/gm, '\\$1');
}

/**
 * The report as a document a mission can publish as is: the period in local time, the figures,
 * per-party tallies, the incidents covered (as recorded at `asOf`), and the checkpoint with the
 * steps by which anyone can check what the report was based on. Pure: the same report renders
 * the same document.
 */
export function renderReportMarkdown(report: ReportState, incidents: readonly IncidentState[], verifierKey: string): string {
  const { figures, tz } = report;
  const summary = figures.summary;
  const casualties = { alleged: totalOf(summary.totals.casualtiesAlleged), confirmed: totalOf(summary.totals.casualtiesConfirmed) };
  const out: string[] = [
    `# ${plain(report.title).replace(/\s*[\r\n]+\s*/g, ' ')}`,
    '',
    `Truce: **${cell(summary.name)}** (\`${report.truceId}\`)  `,
    `Period: ${localTime(report.period.from, tz)} to ${localTime(report.period.to, tz)}, ${tz} (${report.period.from} to ${report.period.to}, end excluded)  `,
    `Figures as recorded at: ${report.asOf} (nothing recorded later is counted)  `,
    `Report: \`${report.reportId}\`, published ${report.recordedAt}`,
  ];
  if (report.supersedes) out.push('', `This report **supersedes** report \`${report.supersedes}\`.`);
  if (report.supersededBy) out.push('', `**This report is superseded** by report \`${report.supersededBy}\`.`);
  if (report.summary) out.push('', '## Summary', '', plain(report.summary));

  out.push(
    '',
    '## Figures for the period',
    '',
    `Status at the end of the period, from this period's incidents: **${summary.status}**.`,
    '',
    ...table(
      ['Figure', 'Count'],
      [
        ['Breaches counted (post-truce)', summary.counts.breaches],
        ...VERIFICATION_STATUSES.map((s) => [`… ${s}`, summary.counts.byVerification[s]]),
        ['… denied by the accused', summary.counts.denied],
        ['Ambiguous (straddling the effective instant), counted apart', summary.counts.ambiguous],
        ['Before the truce, counted apart', summary.counts.preTruce],
        ['Killed, alleged (best figures, refuted reports excluded)', casualties.alleged.killed],
        ['Injured, alleged', casualties.alleged.injured],
        ['Killed, in confirmed breaches', casualties.confirmed.killed],
        ['Injured, in confirmed breaches', casualties.confirmed.injured],
      ],
    ),
    '',
    `### By day (${tz})`,
    '',
    ...table(
      ['Day starting', 'Breaches', 'Observations', 'Violations observed', 'Killed', 'Injured'],
      figures.timeseries.map((b) => [
        localTime(b.start, tz),
        b.total.breaches,
        b.total.observations,
        b.total.violationsObserved,
        b.total.killed,
        b.total.injured,
      ]),
    ),
    '',
    '### By party',
    '',
    ...table(
      [
        'Party',
        'Reports made',
        'Accused in',
        ...VERIFICATION_STATUSES.map((s) => `Accused, ${s}`),
        'Denials issued',
        'Killed (alleged against it)',
        'Injured (alleged against it)',
      ],
      summary.tally.map((p) => {
        const alleged = totalOf(p.casualtiesAlleged);
        return [
          `${p.name} (${p.id})`,
          p.reportsMade,
          p.accusedIn,
          ...VERIFICATION_STATUSES.map((s) => p.byVerification[s]),
          p.deniedCount,
          alleged.killed,
          alleged.injured,
        ];
      }),
    ),
    '',
    '## Incidents covered',
    '',
  );
  if (!incidents.length) out.push('None.');
  else {
    out.push(
      ...table(
        ['Occurred (local)', 'Accused', 'Reported by', 'Location', 'Weapons', 'Verification', 'Denied', 'Killed', 'Injured', 'Incident'],
        incidents.map((i) => {
          const c = totalOf({ killed: numbers(i.casualties.killed), injured: numbers(i.casualties.injured) });
          return [
            localTime(timeWindow(i.occurredAt).from, tz),
            i.accusedParty,
            i.reportedBy,
            i.location.name,
            i.weapons.join(', '),
            i.verification.status,
            i.denials.length ? i.denials.map((d) => d.deniedBy).join(', ') : 'no',
            c.killed,
            c.injured,
            `\`${i.incidentId}\``,
          ];
        }),
      ),
    );
  }
  if (report.observations.length) out.push('', '## Observations covered', '', ...report.observations.map((id) => `- \`${id}\``));

  const n = report.checkpoint.treeSize;
  out.push(
    '',
    '## What this report is based on, and how to check it',
    '',
    `The figures were computed from the log as it stood at ${report.asOf}. This signed checkpoint commits to the first ${n} entries of the log, which hold every event recorded by then:`,
    '',
    '```',
    report.checkpoint.signedNote.trimEnd(),
    '```',
    '',
    `1. Check the signature with the log's verifier key \`${verifierKey}\` (also served at \`GET /checkpoint/key\`; C2SP signed-note, Ed25519).`,
    `2. Check that the log still holds that tree: \`GET /proofs/consistency?from=${n}&to=<current tree size>\` against today's \`GET /checkpoint\`, or run \`npm run audit -- <service URL>\`.`,
    `3. Check that an event the report relies on is in it: \`GET /proofs/inclusion?logIndex=<the event's logIndex>&treeSize=${n}\` (the events are listed by \`GET /truces/${report.truceId}/history\`).`,
    `4. Recompute the figures from the record as of that instant: \`GET /truces/${report.truceId}/timeseries?interval=day&tz=${encodeURIComponent(tz)}&by=party&from=${report.period.from}&to=${report.period.to}&at=${report.period.to}&asOf=${report.asOf}\` gives the daily counts above.`,
    '',
  );
  return out.join('\n');
}

function numbers(group: IncidentState['casualties']['killed']) {
  const best = (f: number | { best: number }) => (typeof f === 'number' ? f : f.best);
  return { civilian: best(group.civilian), military: best(group.military), unknown: best(group.unknown) };
}
