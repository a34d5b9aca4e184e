import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from '../../src/database/free-port';

const run = promisify(execFile);

/**
 * A hot standby of a local PostgreSQL, streaming from it: made with `pg_basebackup -R` into a
 * throw-away directory and started on a free port with the primary's own binaries
 * (/usr/lib/postgresql/<major>/bin), as the `postgres` OS user when we are root. The tests and the
 * benchmark read through it; `stop()` stops it and removes the directory.
 *
 * The primary must accept replication connections from 127.0.0.1 without a password:
 * test/support/ensure-replication.sh sets that up (CI runs it).
 */
export interface StreamingReplica {
  port: number;
  /** `url` (any URL of the primary) pointed at the replica: same role, same database. */
  urlFor(url: string): string;
  /** Stops applying WAL (it is still received): the replica keeps answering with what it has. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Resolves once the replica has replayed everything the primary had written when called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Why a replica cannot be made here, or null: e.g. the embedded PostgreSQL 18 of CI's second run
 * has no pg_basebackup beside it. Synchronous (psql), so a spec can decide before it declares its tests.
 */
export function replicaUnsupportedReason(primaryUrl: string): string | null {
  const ask = (sql: string) => execFileSync('psql', [primaryUrl, '-Atqc', sql], { encoding: 'utf8', timeout: 10_000 }).trim();
  let major: number;
  try {
    major = Math.floor(Number(ask('SHOW server_version_num')) / 10000);
  } catch (error) {
    // psql's own complaint, not the error's message: that repeats the command line, password and all.
    const stderr = (error as { stderr?: string | Buffer }).stderr?.toString().trim();
    return `cannot ask the primary its version with psql: ${stderr || 'psql failed'}`;
  }
  const bin = binDir(major);
  if (!existsSync(join(bin, 'pg_basebackup'))) return `no pg_basebackup for PostgreSQL ${major} (${bin})`;
  const allowed = Number(ask("SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database) AND auth_method = 'trust'"));
  if (!allowed) return 'the primary allows no replication connections without a password: run test/support/ensure-replication.sh';
  return null;
}

/** Makes and starts a replica of the server `primaryUrl` points at (a superuser's URL). */
export async function startStreamingReplica(primaryUrl: string): Promise<StreamingReplica> {
  const primary = new URL(primaryUrl);
  const major = await serverMajor(primaryUrl);
  const bin = binDir(major);
  const dir = mkdtempSync(join(tmpdir(), 'cfm-replica-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root: the directory belongs to `postgres`, which runs everything.
  const as = (command: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, command), ...args]) : run(join(bin, command), args);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout), Number(gid));
  }
  const port = await freePort();
  let started = false;
  const stop = async () => {
    if (started) await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    started = false;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await as('pg_basebackup', [
      ...['-R', '-D', data, '-X', 'stream', '-c', 'fast', '--no-sync'],
      ...['-h', primary.hostname, '-p', primary.port || '5432', '-U', decodeURIComponent(primary.username) || 'postgres'],
    ]);
    // A Debian cluster keeps its configuration outside the data directory: the copy has none of its own.
    const settings = await hotStandbySettings(primaryUrl);
    writeConfigFile(asRoot, join(data, 'postgresql.conf'), [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      'hot_standby = on',
      'shared_buffers = 32MB',
      'fsync = off',
      ...settings,
    ]);
    writeConfigFile(asRoot, join(data, 'pg_hba.conf'), ['local all all trust', 'host all all 127.0.0.1/32 trust']);
    writeConfigFile(asRoot, join(data, 'pg_ident.conf'), []);
    started = true;
    await as('pg_ctl', ['-D', data, '-l', join(dir, 'replica.log'), '-w', '-t', '60', 'start']);
  } catch (error) {
    await stop();
    throw error;
  }

  const urlFor = (url: string) => {
    const target = new URL(url);
    target.hostname = '127.0.0.1';
    target.port = String(port);
    return target.toString();
  };
  const superuser = urlFor(primaryUrl);
  return {
    port,
    urlFor,
    pauseReplay: async () => void (await querySingle(superuser, 'SELECT pg_wal_replay_pause()')),
    resumeReplay: async () => void (await querySingle(superuser, 'SELECT pg_wal_replay_resume()')),
    caughtUp: async (timeoutMs = 10_000) => {
      const target: string = await querySingle(primaryUrl, 'SELECT pg_current_wal_lsn()::text AS n');
      const deadline = Date.now() + timeoutMs;
      while (!(await querySingle(superuser, `SELECT pg_last_wal_replay_lsn() >= '${target}'::pg_lsn AS n`))) {
        if (Date.now() > deadline) throw new Error(`the replica did not replay up to ${target} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop,
  };
}

/** A hot standby must allow at least as much as its primary, or it refuses to start. */
async function hotStandbySettings(primaryUrl: string): Promise<string[]> {
  const names = ['max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction'];
  const client = new Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; setting: string }>('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [names]);
    return rows.map((r) => `${r.name} = ${r.setting}`);
  } finally {
    await client.end();
  }
}

function writeConfigFile(asRoot: boolean, path: string, lines: string[]): void {
  writeFileSync(path, lines.map((l) => `${l}\n`).join(''), { mode: 0o600 });
  if (asRoot) {
    // The data directory's owner must own its files.
    const { uid, gid } = statSync(join(path, '..'));
    chownSync(path, uid, gid);
  }
}

function binDir(major: number): string {
  return `/usr/lib/postgresql/${major}/bin`;
}

async function serverMajor(url: string): Promise<number> {
  return Math.floor(Number(await querySingle(url, 'SELECT current_setting($$server_version_num$$) AS n')) / 10000);
}

async function querySingle(url: string, sql: string): Promise<any> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query(sql);
    return rows[0]?.n;
  } finally {
    await client.end();
  }
}
