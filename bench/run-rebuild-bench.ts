import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createDataSource } from '../src/database/data-source';
import { runMigrations } from '../src/database/migrations';
import { roleOf } from '../src/database/runtime-role';
import { generateSignerKey } from '../src/event-store/transparency/checkpoint-signer';
import { seedLog } from './phases/seed-log';
import { openBenchDatabase } from './support/bench-database';
import { round } from './support/stats';

const run = promisify(execFile);

/**
 * `node dist/bench/run-rebuild-bench.js [events] [workers…]`: the rebuild phase of the bench alone —
 * seeds a fresh log of `events` (default 1,000,000) once, then rebuilds it once per REBUILD_WORKERS
 * value given (default: the configured one), each in a process of its own so its peak RSS is its own.
 * REBUILD_CHILD names another compiled rebuild-child.js (to measure an older build on the same log).
 */
async function main(): Promise<void> {
  const [events = '1000000', ...workers] = process.argv.slice(2);
  // As run-bench.ts: a signing key of the run's own, not the developer's key file under .data/.
  process.env.CHECKPOINT_ORIGIN = 'ceasefire-monitor.bench/log';
  process.env.CHECKPOINT_SIGNING_KEY = generateSignerKey(process.env.CHECKPOINT_ORIGIN).signerKey;
  delete process.env.CHECKPOINT_KEY_FILE;
  const db = await openBenchDatabase();
  try {
    const ds = createDataSource(db.ownerUrl);
    await ds.initialize();
    await runMigrations(ds, db.ownerUrl === db.url ? {} : { runtimeRole: roleOf(db.url) });
    await ds.destroy();
    const seeded = await seedLog(db.ownerUrl, Number(events));
    console.log(`[rebuild-bench] seeded ${seeded.events} events (${seeded.incidents} incidents), PostgreSQL ${db.serverVersion}`);
    for (const n of workers.length ? workers : [undefined]) {
      const { stdout } = await run(process.execPath, [process.env.REBUILD_CHILD ?? 'dist/bench/phases/rebuild-child.js'], {
        env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'error', ...(n ? { REBUILD_WORKERS: n } : {}) },
        maxBuffer: 16 * 1024 * 1024,
      });
      const r = JSON.parse(stdout.trim().split('\n').pop()!) as { events: number; durationMs: number; maxRssMb: number };
      const rate = r.events / (r.durationMs / 1000);
      console.log(
        `[rebuild-bench] workers=${n ?? 'default'}: ${r.events} events in ${r.durationMs} ms = ${round(rate)} events/s, peak RSS ${round(r.maxRssMb)} MB`,
      );
    }
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
