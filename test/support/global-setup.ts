import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

/**
 * The integration and e2e suites talk to a real PostgreSQL with the real migrations: the one
 * DATABASE_URL names (CI: the machine's PostgreSQL 15), or else an embedded PostgreSQL started
 * here in a throw-away directory.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dir = mkdtempSync(join(tmpdir(), 'cfm-test-'));
  const db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), database: 'ceasefire_test' });
  process.env.DATABASE_URL = db.url;
  (globalThis as { __EMBEDDED_PG__?: typeof db }).__EMBEDDED_PG__ = db;
}
