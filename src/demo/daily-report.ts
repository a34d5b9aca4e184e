/**
 * The demo's daily report: what a mission in Baku would publish for 10 October 2020, local time.
 * Azerbaijan keeps UTC+4 all year, so its 10 October is [2020-10-09T20:00Z, 2020-10-10T20:00Z).
 * The summary says only what the source (see reference-case.ts) says.
 */
export const DAILY_REPORT = {
  title: 'Daily report: 10 October 2020 (Baku time)',
  period: { from: '2020-10-09T20:00:00Z', to: '2020-10-10T20:00:00Z' },
  tz: 'Asia/Baku',
  summary:
    'The humanitarian ceasefire agreed in Moscow entered force at noon (08:00 GMT). Within the first hour each side accused the other of ' +
    'breaking it — shelling near Kapan (one civilian killed, per Armenia), missile strikes on the Terter and Agdam regions (per Azerbaijan) — ' +
    'and each denied the accusation against it. The claims could not be independently verified.',
};

export interface PublishedDailyReport {
  reportId: string;
  asOf: string;
}

/**
 * Publishes the daily report through the HTTP API as a verifier would. Its Idempotency-Key makes a
 * second run answer the first report instead of publishing another.
 */
export async function publishDailyReport(baseUrl: string, verifierKey: string, truceId: string): Promise<PublishedDailyReport> {
  const res = await fetch(`${baseUrl}/truces/${truceId}/reports`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${verifierKey}`, 'Content-Type': 'application/json', 'Idempotency-Key': `demo-2020-10-10-daily-report-${truceId}` },
    body: JSON.stringify(DAILY_REPORT),
  });
  const json = (await res.json()) as { reportId: string; asOf: string };
  if (res.status !== 201) throw new Error(`POST /truces/${truceId}/reports answered ${res.status}: ${JSON.stringify(json)}`);
  return { reportId: json.reportId, asOf: json.asOf };
}
