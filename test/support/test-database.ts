import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { runMigrations } from '../../src/database/migrations';

/** Refuse to run destructive test set-up against anything that is not plainly a test database. */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through jest (test/support/global-setup.ts)');
  const name = new URL(url).pathname.slice(1);
  if (!/test/i.test(name)) throw new Error(`Refusing to run tests against database "${name}": its name must contain "test".`);
  return url;
}

/** A migrated DataSource on the test database. */
export async function openTestDataSource(): Promise<DataSource> {
  const dataSource = createDataSource(testDatabaseUrl());
  await dataSource.initialize();
  await runMigrations(dataSource);
  return dataSource;
}
