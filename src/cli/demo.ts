import { publishDailyReport } from '../demo/daily-report';
import { recordReferenceCase } from '../demo/record-reference-case';
import { demoTarget } from './demo-target';

/**
 * `npm run demo`: records the 10 October 2020 case through the HTTP API of the service running
 * on this machine (`npm start`), or of one it starts itself (embedded PostgreSQL unless
 * DATABASE_URL is set) and keeps serving; then prints the status and where to look. With
 * API_KEYS set, DEMO_ADMIN_KEY, DEMO_VERIFIER_KEY and DEMO_REPORTER_KEY name the secrets to use.
 */
async function main(): Promise<void> {
  const { url, devKeys, started } = await demoTarget();
  const keys = devKeys ?? {
    admin: required('DEMO_ADMIN_KEY'),
    verifier: required('DEMO_VERIFIER_KEY'),
    reporter: required('DEMO_REPORTER_KEY'),
  };
  const { truceId, incidentIds } = await recordReferenceCase(url, keys);
  const report = await publishDailyReport(url, keys.verifier, truceId);
  const summary = (await (await fetch(`${url}/truces/${truceId}`)).json()) as any;
  const line = (p: { id: string; reportsMade: number; accusedIn: number; deniedCount: number; casualtiesAlleged: { killed: Record<string, number> } }) =>
    `  ${p.id}: made ${p.reportsMade} report(s), accused in ${p.accusedIn}, issued ${p.deniedCount} denial(s), ` +
    `killed alleged against it: ${Object.values(p.casualtiesAlleged.killed).reduce((a, b) => a + b, 0)}`;
  console.log(
    [
      '',
      `The humanitarian truce of 10 October 2020 (source: AP via NewsClick) is recorded as truce ${truceId}.`,
      `Status now: ${summary.status} — ${summary.counts.breaches} post-truce accusations, ${summary.counts.denied} denied, ` +
        `${summary.counts.byVerification.unverified} unverified.`,
      ...summary.tally.map(line),
      '',
      'Where to look:',
      ...whereToLook(url, truceId, incidentIds[0]),
      `  ${url}/reports/${report.reportId}.md  the daily report for 10 October 2020 (Baku time), as a mission would publish it`,
      `  ${url}/truces/${truceId}/timeseries?interval=day&tz=Asia/Baku  breaches per local day in Baku`,
      '',
      started ? 'Ctrl-C stops the service.' : 'Recorded through the service already running there.',
    ].join('\n'),
  );
}

function whereToLook(url: string, truceId: string, kapanId: string): string[] {
  const links: [string, string][] = [
    [`${url}/truces/${truceId}`, 'the status and tallies'],
    [`${url}/truces/${truceId}?at=2020-10-10T07:59:00Z`, 'a minute before it took effect: pending'],
    [`${url}/truces/${truceId}/history`, 'every event, in order'],
    [`${url}/incidents/${kapanId}`, 'the Kapan accusation, its denial and verification'],
    [`${url}/integrity`, 'the hash chains, recomputed'],
    [`${url}/docs`, 'the OpenAPI description'],
  ];
  const width = Math.max(...links.map(([link]) => link.length));
  return links.map(([link, what]) => `  ${link.padEnd(width)}  ${what}`);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`API_KEYS is set, so the demo needs ${name} (the secret of a key with that role).`);
  return value;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
