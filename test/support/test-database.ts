import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrations';
import { quoteIdentifier, roleOf } from '../../src/database/runtime-role';

/**
 * The role the tests run the service as on a DATABASE_URL given from outside (CI: the system
 * PostgreSQL's superuser, which becomes the owner): SELECT and INSERT on the log, as in production.
 */
const TEST_RUNTIME_ROLE = 'ceasefire_test_runtime';

/** Refuse to run destructive test set-up against anything that is not plainly a test database. */
function guarded(url: string | undefined, variable: string): string {
  if (!url) throw new Error(`${variable} is not set: run the tests through jest (test/support/global-setup.ts)`);
  const name = new URL(url).pathname.slice(1);
  if (!/test/i.test(name)) throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  return url;
}

/** The runtime role's URL: what the service runs as in every test. */
export function testDatabaseUrl(): string {
  return guarded(process.env.DATABASE_URL, 'DATABASE_URL');
}

/** The owner's URL: migrations, and the tests that play a database administrator. */
export function ownerDatabaseUrl(): string {
  return guarded(process.env.DATABASE_OWNER_URL, 'DATABASE_OWNER_URL');
}

/** A DataSource as the runtime role (the schema is migrated once, by global-setup). */
export async function openTestDataSource(): Promise<DataSource> {
  const dataSource = createDataSource(testDatabaseUrl());
  await dataSource.initialize();
  return dataSource;
}

/** A DataSource as the owner. */
export async function openOwnerDataSource(url = ownerDatabaseUrl()): Promise<DataSource> {
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  return dataSource;
}

/**
 * Migrates a test database as its owner and grants the runtime role (created if missing);
 * returns the runtime role's URL for it. `runtimeUrl` names the role when one exists already
 * (the embedded PostgreSQL's), else the test role is used on the owner's server.
 */
export async function prepareTestDatabase(ownerUrl: string, runtimeUrl?: string): Promise<string> {
  const runtime = new URL(runtimeUrl ?? ownerUrl);
  if (!runtimeUrl) {
    runtime.username = TEST_RUNTIME_ROLE;
    runtime.password = '';
    const admin = new Client({ connectionString: ownerUrl });
    await admin.connect();
    try {
      // Roles are per server, and concurrent runs may race to create it.
      await admin.query(`DO $$ BEGIN CREATE ROLE ${quoteIdentifier(TEST_RUNTIME_ROLE)} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    } finally {
      await admin.end();
    }
  }
  const owner = await openOwnerDataSource(ownerUrl);
  try {
    await runMigrations(owner, { runtimeRole: roleOf(runtime.toString()) });
  } finally {
    await owner.destroy();
  }
  return runtime.toString();
}
