import { Client } from 'pg';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export interface BenchDatabase {
  /** The role the service runs as (on the embedded PostgreSQL, the least-privileged runtime role). */
  url: string;
  /** The owner's: migrations and the seeder's direct writes. */
  ownerUrl: string;
  serverVersion: string;
  stop(): Promise<void>;
}

/**
 * A fresh database for one benchmark run: a new one on the server DATABASE_URL names, or an
 * embedded PostgreSQL in a temporary directory.
 */
export async function openBenchDatabase(): Promise<BenchDatabase> {
  const name = `ceasefire_bench_${Date.now()}`;
  if (process.env.DATABASE_URL) {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const version = (await admin.query('SHOW server_version')).rows[0].server_version as string;
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      ownerUrl: url.toString(),
      serverVersion: version,
      stop: async () => {
        const c = new Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cfm-bench-'));
  const db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), database: name });
  const c = new Client({ connectionString: db.url });
  await c.connect();
  const version = (await c.query('SHOW server_version')).rows[0].server_version as string;
  await c.end();
  return { url: db.url, ownerUrl: db.ownerUrl, serverVersion: `${version} (embedded)`, stop: () => db.stop() };
}
