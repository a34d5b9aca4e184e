import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createDataSource } from '../src/database/data-source';
import { runMigrations } from '../src/database/migrations';
import { roleOf } from '../src/database/runtime-role';
import { generateSignerKey } from '../src/event-store/transparency/checkpoint-signer';
import { importBenchmark } from './phases/import';
import { liveFeedLag } from './phases/live-lag';
import { pgbenchBaseline } from './phases/pgbench';
import { rawInsertBaseline } from './phases/raw-insert';
import { rebuildBenchmark } from './phases/rebuild';
import { replicaReads } from './phases/replica-reads';
import { seedLog } from './phases/seed-log';
import { storeAppends } from './phases/store-append';
import { autocannon, LoadResult } from './support/autocannon';
import { openBenchDatabase } from './support/bench-database';
import { INCIDENT_BODY, TRUCE_BODY } from './support/event-sized';
import { BENCH_KEYS, ServiceProcess, startService } from './support/service-process';
import { round } from './support/stats';

/**
 * `npm run bench` (or `-- --quick` for a run of about a minute): measures the service against
 * raw PostgreSQL on this machine, in one run, and writes docs/benchmarks.md
 * (docs/benchmarks-quick.md for --quick, so a quick check never overwrites the full figures).
 */
const quick = process.argv.includes('--quick');
const P = quick
  ? { phase: 3_000, ingest: 5, memory: 10, logEvents: 50_000, reads: 5, lagSeconds: 5, importRows: 10_000 }
  : { phase: 10_000, ingest: 15, memory: 60, logEvents: 1_000_000, reads: 15, lagSeconds: 15, importRows: 100_000 };

const log = (line: string) => console.log(`[bench] ${line}`);

/**
 * `-- --only=raw,store,import,ingest,reads` runs those phases alone (reads: seed, rebuild, status
 * reads, time travel, live lag, replica); the report (docs/benchmarks-quick.md for --quick) then
 * names the phases run.
 */
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const runs = (phase: 'raw' | 'store' | 'import' | 'ingest' | 'reads') => !only || only.includes(phase);

async function main(): Promise<void> {
  // A signing key of the run's own for the service processes it starts (they inherit the
  // environment), rather than the key file of the developer's own log under .data/.
  process.env.CHECKPOINT_ORIGIN = 'ceasefire-monitor.bench/log';
  process.env.CHECKPOINT_SIGNING_KEY = generateSignerKey(process.env.CHECKPOINT_ORIGIN).signerKey;
  delete process.env.CHECKPOINT_KEY_FILE;
  const db = await openBenchDatabase();
  const rows: string[][] = [];
  // Every row: measure, result, target, and the result as a share of each baseline (when it has one).
  const row = (...cells: (string | number)[]) => rows.push([...cells.map(String), '—', '—'].slice(0, 5));
  const raw: Record<number, number> = {};
  const pg: Record<number, number> = {};
  /** The two ratios of a rate measured at `c` connections: to the Node client's, and to pgbench's. */
  const shares = (perSecond: number, c: number) => [
    raw[c] ? (perSecond / raw[c]).toFixed(2) : 'not run',
    pg[c] ? (perSecond / pg[c]).toFixed(2) : 'no pgbench',
  ];
  // Stopped in the finally below too, so that a phase that throws leaves no service running.
  let service: ServiceProcess | null = null;
  try {
    // As the owner, granting the runtime role what the service needs (as in production).
    const ds = createDataSource(db.ownerUrl);
    await ds.initialize();
    await runMigrations(ds, db.ownerUrl === db.url ? {} : { runtimeRole: roleOf(db.url) });
    await ds.destroy();

    for (const c of runs('raw') ? [1, 8, 32] : []) {
      const r = await rawInsertBaseline(db.url, c, P.phase);
      raw[c] = r.perSecond;
      log(`raw INSERT c=${c}: ${round(r.perSecond)}/s p99 ${round(r.p99, 1)} ms`);
      const p = await pgbenchBaseline(db.url, c, Math.max(2, Math.round(P.phase / 1000)));
      if (p) pg[c] = p.transactionsPerSecond;
      log(p ? `pgbench -M prepared c=${c}: ${round(p.transactionsPerSecond)} tx/s (${p.client})` : 'pgbench: not on the PATH, baseline left out');
      row(
        `1. Raw INSERT from Node (\`pg\`), one row per transaction, concurrency ${c}`,
        `${round(r.perSecond)} rows/s (p99 ${round(r.p99, 1)} ms)`,
        'baseline',
        '1.00',
        ...(p ? [(r.perSecond / p.transactionsPerSecond).toFixed(2)] : []),
      );
      if (p)
        row(
          `1p. \`pgbench -M prepared\` (${p.client}, the system PostgreSQL's client), the same row, concurrency ${c}`,
          `${round(p.transactionsPerSecond)} tx/s`,
          "baseline: the machine's limit",
          (p.transactionsPerSecond / r.perSecond).toFixed(2),
          '1.00',
        );
    }
    for (const c of runs('store') ? [1, 8, 32] : []) {
      // With the Merkle tree (as the service always appends) and without it (the store's
      // bench-only option), interleaved in the same run (store-append.ts).
      const { tree, plain } = await storeAppends(db.url, c, P.phase);
      const share = tree.perSecond / plain.perSecond;
      log(
        `store append c=${c}: ${round(tree.perSecond)}/s p99 ${round(tree.p99, 1)} ms; without the tree ${round(plain.perSecond)}/s p99 ${round(plain.p99, 1)} ms (${share.toFixed(2)})`,
      );
      row(
        `2. Store appends (service layer, Merkle tree maintained), concurrency ${c}`,
        `${round(tree.perSecond)} events/s (p99 ${round(tree.p99, 1)} ms)`,
        c === 32 ? '≥ 0.6 × raw' : '—',
        ...shares(tree.perSecond, c),
      );
      row(
        `2t. The same without the Merkle tree (bench-only store), concurrency ${c}, interleaved with 2`,
        `${round(plain.perSecond)} events/s (p99 ${round(plain.p99, 1)} ms); with the tree ${share.toFixed(2)} × this`,
        'with the tree ≥ 0.90 × this',
        ...shares(plain.perSecond, c),
      );
    }

    // Bulk import (npm run import) of a CSV in the incident export's columns, in its own process.
    if (runs('import')) await importPhase();
    async function importPhase() {
      const imported = await importBenchmark(db.url, P.importRows);
      const importRate = imported.imported / (imported.durationMs / 1000);
      log(`import: ${imported.imported} incidents in ${round(imported.durationMs)} ms = ${round(importRate)}/s, peak RSS ${round(imported.maxRssMb)} MB`);
      row(
        `9. Bulk import (\`npm run import\`) of ${P.importRows} incidents from a CSV, through the domain's rules, chunks of 1000 rows per transaction`,
        `${round(importRate)} incidents/s, peak RSS ${round(imported.maxRssMb)} MB (${imported.skipped} skipped, ${imported.failedCount} refused)`,
        '≥ 20,000/s, ≤ 300 MB',
        ...shares(importRate, 1),
      );
    }

    if (runs('ingest')) await ingestPhase();
    async function ingestPhase() {
      const running = (service = await startService(db.url));
      const auth = (key: string) => ({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' });
      const truce = (await (
        await fetch(`${running.url}/truces`, { method: 'POST', headers: auth(BENCH_KEYS.admin), body: JSON.stringify(TRUCE_BODY) })
      ).json()) as { truceId: string };
      const ingestUrl = `${running.url}/truces/${truce.truceId}/incidents`;
      const ingest = await autocannon({
        url: ingestUrl,
        connections: 32,
        seconds: P.ingest,
        method: 'POST',
        headers: auth(BENCH_KEYS.reporter),
        body: INCIDENT_BODY,
      });
      log(`HTTP ingest: ${round(ingest.requestsPerSecond)}/s p99 ${ingest.p99} ms, non-2xx ${ingest.non2xx}, errors ${ingest.errors}`);
      row(
        '3. HTTP ingest, POST /truces/{id}/incidents, 32 connections, ' + `${P.ingest} s`,
        `${round(ingest.requestsPerSecond)} req/s, p99 ${ingest.p99} ms, ${ingest.non2xx + ingest.errors} errors`,
        '≥ 0.3 × pgbench, p99 ≤ 50 ms (stretch 0.45 ×, 20 ms), 0 errors',
        ...shares(ingest.requestsPerSecond, 32),
      );

      const rss: number[] = [];
      const sampler = setInterval(() => rss.push(running.rssMb()), 1000);
      const soak = await autocannon({
        url: ingestUrl,
        connections: 32,
        seconds: P.memory,
        method: 'POST',
        headers: auth(BENCH_KEYS.reporter),
        body: INCIDENT_BODY,
      });
      clearInterval(sampler);
      const tenth = Math.max(1, Math.floor(rss.length / 10));
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const firstRss = avg(rss.slice(0, tenth));
      const lastRss = avg(rss.slice(-tenth));
      log(`memory under ingest: ${round(firstRss)} → ${round(lastRss)} MB (max ${round(Math.max(...rss))} MB), ${round(soak.requestsPerSecond)} req/s`);
      row(
        `8. RSS of the service under ingest, ${P.memory} s`,
        `${round(firstRss)} MB at start → ${round(lastRss)} MB at end (max ${round(Math.max(...rss))} MB)`,
        'flat',
        '—',
      );
      await running.stop();
    }
    if (!runs('reads')) {
      writeReport(rows, db.serverVersion);
      return;
    }

    const seedTarget = P.logEvents;
    log(`seeding the log towards ${seedTarget} events…`);
    const seeded = await seedLog(db.ownerUrl, seedTarget, (n) => n % 100_000 === 0 && log(`  seeded ${n}`));
    log(`seeded ${seeded.events} events (${seeded.incidents} incidents)`);

    // The default (folding in the service's thread), then two fold threads: on two cores shared
    // with PostgreSQL they tie when the machine is quiet and help when it is not (performance.md).
    let rebuiltEvents = 0;
    for (const workers of [1, 2]) {
      const rebuild = await rebuildBenchmark(db.url, workers);
      rebuiltEvents = rebuild.events;
      const rate = rebuild.events / (rebuild.durationMs / 1000);
      log(
        `rebuild (${workers} fold thread${workers > 1 ? 's' : ''}): ${rebuild.events} events in ${rebuild.durationMs} ms = ${round(rate)}/s, peak RSS ${round(rebuild.maxRssMb)} MB`,
      );
      row(
        `6${workers > 1 ? 'w' : ''}. Rebuild of every read model from ${rebuild.events} events, ${workers > 1 ? `REBUILD_WORKERS=${workers} (fold threads)` : 'REBUILD_WORKERS=1 (default)'}`,
        `${round(rate)} events/s, peak RSS ${round(rebuild.maxRssMb)} MB`,
        '≥ 100,000 events/s, ≤ 300 MB',
        '—',
      );
    }

    service = await startService(db.url);
    // The target's case: the large truce (a conflict's worth of incidents), 32 connections.
    const bigIncidents = seeded.incidents - Math.ceil(seeded.incidents / 1000);
    // The first read after a start loads the truce's record from the read models; it is measured
    // on its own, so that the throughput rows are of a service that has it (as a running one has).
    const coldStarted = performance.now();
    const cold = await fetch(`${service.url}/truces/${seeded.bigTruceId}`);
    await cold.text();
    const coldMs = performance.now() - coldStarted;
    await (await fetch(`${service.url}/truces/${seeded.smallTruceId}`)).text();
    log(`first read of the large truce after start: ${round(coldMs)} ms (${cold.status})`);
    row(
      `4c. The first GET /truces/{id} of the large truce after the service starts (loads its ${bigIncidents} incidents into memory)`,
      `${round(coldMs)} ms (status ${cold.status})`,
      '—',
      '—',
    );
    const bigReads = await autocannon({ url: `${service.url}/truces/${seeded.bigTruceId}`, connections: 32, seconds: P.reads });
    log(`status reads (large truce): ${round(bigReads.requestsPerSecond)}/s p99 ${bigReads.p99} ms`);
    row(
      `4. GET /truces/{id} of the large truce (${bigIncidents} incidents), log of ${rebuiltEvents} events, 32 connections`,
      `${round(bigReads.requestsPerSecond)} req/s, p99 ${bigReads.p99} ms, ${bigReads.non2xx + bigReads.errors} errors`,
      '≥ 5,000 req/s, p99 ≤ 20 ms',
      '—',
    );
    const reads = await autocannon({ url: `${service.url}/truces/${seeded.smallTruceId}`, connections: 32, seconds: P.reads });
    log(`status reads (small truce): ${round(reads.requestsPerSecond)}/s p99 ${reads.p99} ms`);
    row(
      `4b. GET /truces/{id} of a small truce (${Math.ceil(seeded.incidents / 1000)} incidents) in the same log, 32 connections`,
      `${round(reads.requestsPerSecond)} req/s, p99 ${reads.p99} ms, ${reads.non2xx + reads.errors} errors`,
      '—',
      '—',
    );
    const travelUrl = `${service.url}/truces/${seeded.bigTruceId}?at=2020-10-10T10:00:00Z&asOf=${encodeURIComponent(seeded.midRecordedAt)}`;
    // Latency of one question at a time, then the same under 4 concurrent askers.
    for (const connections of [1, 4]) {
      const travel = await autocannon({ url: travelUrl, connections, seconds: P.reads });
      log(`time travel (${connections} connection${connections > 1 ? 's' : ''}): ${round(travel.requestsPerSecond, 1)}/s p99 ${travel.p99} ms`);
      row(
        `5. GET /truces/{id}?at=…&asOf=… on the large truce, ${connections} connection${connections > 1 ? 's' : ''}`,
        `${round(travel.requestsPerSecond, 1)} req/s, p50 ${travel.p50} ms, p99 ${travel.p99} ms, ${travel.non2xx + travel.errors} errors`,
        'p99 ≤ 250 ms',
        '—',
      );
    }

    const lag = await liveFeedLag(service.url, db.url, 1000, P.lagSeconds);
    const refusedAppends = lag.refused ? `; ${lag.refused} appends refused (503: the database too slow to take them)` : '';
    log(`live lag: ${lag.delivered}/${lag.appended} delivered at ${round(lag.achievedPerSecond)}/s, p99 ${round(lag.p99, 1)} ms${refusedAppends}`);
    row(
      `7. Live feed lag, commit → SSE, at ${round(lag.achievedPerSecond)} events/s`,
      `p50 ${round(lag.p50, 1)} ms, p99 ${round(lag.p99, 1)} ms (${lag.delivered}/${lag.appended} delivered${refusedAppends})`,
      'p99 ≤ 100 ms',
      '—',
    );
    await service.stop();

    // Queries under ingest: on the primary, then on a streaming replica of it (READ_DATABASE_URL).
    const readPath = `/truces/${seeded.smallTruceId}/incidents?limit=100`;
    const mixed = await replicaReads(db, readPath, P.reads);
    const mixedCells = (m: { reads: LoadResult; ingest: LoadResult }) =>
      `reads ${round(m.reads.requestsPerSecond)} req/s (p99 ${m.reads.p99} ms, ${m.reads.non2xx + m.reads.errors} errors); ` +
      `ingest ${round(m.ingest.requestsPerSecond)} req/s (p99 ${m.ingest.p99} ms, ${m.ingest.non2xx + m.ingest.errors} errors)`;
    log(`reads under ingest, primary only: ${mixedCells(mixed.primary)}`);
    row(
      '9. GET /truces/{id}/incidents?limit=100 (24 connections) while 8 connections ingest, all on the primary',
      mixedCells(mixed.primary),
      'baseline for 9r',
      '—',
    );
    if (mixed.replica) {
      const share = mixed.replica.reads.requestsPerSecond / mixed.primary.reads.requestsPerSecond;
      const ingestShare = mixed.replica.ingest.requestsPerSecond / mixed.primary.ingest.requestsPerSecond;
      log(`reads under ingest, reads on a replica: ${mixedCells(mixed.replica)} (reads ${share.toFixed(2)} ×, ingest ${ingestShare.toFixed(2)} × row 9)`);
      row(
        '9r. The same with READ_DATABASE_URL: reads on a streaming replica on this machine, ingest on the primary',
        `${mixedCells(mixed.replica)}; reads ${share.toFixed(2)} ×, ingest ${ingestShare.toFixed(2)} × row 9`,
        '0 errors (one machine: no extra cores to gain)',
        '—',
      );
    } else {
      log(`reads on a replica: not measured (${mixed.unsupported})`);
      row('9r. The same with reads on a streaming replica', `not measured: ${mixed.unsupported}`, '—', '—');
    }

    writeReport(rows, db.serverVersion);
  } finally {
    await service?.stop().catch(() => undefined);
    await db.stop();
  }
}

function writeReport(rows: string[][], pgVersion: string): void {
  const cpu = cpus();
  const file = quick ? 'docs/benchmarks-quick.md' : 'docs/benchmarks.md';
  const lines = [
    `# Benchmarks${quick ? ' (quick run)' : ''}${only ? ` (phases: ${only.join(', ')})` : ''}`,
    '',
    `Run ${new Date().toISOString()} by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ` +
      `${round(totalmem() / 2 ** 30, 1)} GiB memory, PostgreSQL ${pgVersion}, Node ${process.version}. ` +
      'HTTP load from autocannon in a separate process on loopback; the service in its own process.',
    '',
    '| measure | result | target | × Node raw INSERT, same concurrency | × pgbench -M prepared, same concurrency |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ];
  writeFileSync(file, lines.join('\n'));
  log(`wrote ${file}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
