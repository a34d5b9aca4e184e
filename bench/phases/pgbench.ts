import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { aBreachReportedData, BENCH_METADATA } from '../support/event-sized';
import { BENCH_RAW_TABLE } from './raw-insert';

export interface PgbenchResult {
  transactionsPerSecond: number;
  /** The client that measured it, e.g. "pgbench (PostgreSQL) 15.19". */
  client: string;
}

/** The `pgbench` on the PATH (the system PostgreSQL's client), if there is one. */
export function findPgbench(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'pgbench');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The machine's true limit: PostgreSQL's own client, `pgbench -M prepared`, inserting the same
 * event-sized row as the Node baseline, one per transaction, at `clients` connections for
 * `seconds`. Everything the service does is compared with this, in the same run.
 */
export async function pgbenchBaseline(url: string, clients: number, seconds: number): Promise<PgbenchResult | null> {
  const pgbench = findPgbench();
  if (!pgbench) return null;
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query(BENCH_RAW_TABLE);
  await db.end();
  const dir = mkdtempSync(join(tmpdir(), 'cfm-pgbench-'));
  try {
    const script = join(dir, 'insert-event.sql');
    // A random stream per insert, as each report opens a stream of its own; the event's data and
    // metadata are bound parameters (pgbench variables), as the Node baseline binds them.
    writeFileSync(
      script,
      [
        '\\set n random(1, 9000000000000000)',
        `INSERT INTO bench_raw (stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash) ` +
          `VALUES ('incident-pgbench-' || :n || '-' || :client_id, 1, 'BreachReported', 2, :data, :metadata, now(), NULL, :hash);`,
        '',
      ].join('\n'),
    );
    const variables = {
      data: JSON.stringify(aBreachReportedData(randomUUID())),
      metadata: JSON.stringify(BENCH_METADATA),
      hash: 'a'.repeat(64),
    };
    const args = ['-M', 'prepared', '-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-f', script];
    for (const [name, value] of Object.entries(variables)) args.push('-D', `${name}=${value}`);
    const output = execFileSync(pgbench, [...args, url], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1];
    if (!tps) throw new Error(`pgbench printed no tps:\n${output}`);
    return { transactionsPerSecond: Number(tps), client: execFileSync(pgbench, ['--version'], { encoding: 'utf8' }).trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
