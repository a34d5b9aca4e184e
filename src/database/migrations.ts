import { DataSource } from 'typeorm';
import { grantRuntimeRole } from './runtime-role';

/** Held while migrating, so instances starting together do not migrate twice. */
const MIGRATION_LOCK_KEY = 4_242_000;

/**
 * Applies pending migrations; with `runtimeRole`, then grants that role what the service needs
 * (runtime-role.ts). `dataSource` is the owner's when a runtime role is given.
 */
export async function runMigrations(dataSource: DataSource, options: { runtimeRole?: string } = {}): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (options.runtimeRole) await grantRuntimeRole(runner, options.runtimeRole);
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
