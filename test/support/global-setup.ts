import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { prepareTestDatabase } from './test-database';

/**
 * The integration and e2e suites talk to a real PostgreSQL with the real migrations: the one
 * DATABASE_URL names (CI: the machine's PostgreSQL 15), or else an embedded PostgreSQL started
 * here in a throw-away directory. Either way the schema is migrated by an owner role and the
 * tests run the service as a runtime role that may only read and append to the log, as in
 * production: DATABASE_URL becomes the runtime role's URL, DATABASE_OWNER_URL the owner's.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    const ownerUrl = process.env.DATABASE_URL;
    process.env.DATABASE_OWNER_URL = ownerUrl;
    process.env.DATABASE_URL = await prepareTestDatabase(ownerUrl);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cfm-test-'));
  const db = await startEmbeddedPostgres({ dataDir: join(dir, 'pg'), database: 'ceasefire_test' });
  process.env.DATABASE_OWNER_URL = db.ownerUrl;
  process.env.DATABASE_URL = await prepareTestDatabase(db.ownerUrl, db.url);
  (globalThis as { __EMBEDDED_PG__?: typeof db }).__EMBEDDED_PG__ = db;
}
