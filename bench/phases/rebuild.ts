import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { scriptNodeFlags } from '../support/script-node-flags';

const run = promisify(execFile);

/** Rebuild of every read model from the seeded log, in a process of its own run as `npm run rebuild` runs, folding in `workers` threads (REBUILD_WORKERS). */
export async function rebuildBenchmark(url: string, workers = 1): Promise<{ events: number; durationMs: number; maxRssMb: number }> {
  const { stdout } = await run(process.execPath, [...scriptNodeFlags('rebuild'), 'dist/bench/phases/rebuild-child.js'], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'error', REBUILD_WORKERS: String(workers) },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}
