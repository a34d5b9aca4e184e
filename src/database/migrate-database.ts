import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { runMigrations } from './migrations';
import { logPowersOf, quoteIdentifier, roleOf } from './runtime-role';

/**
 * Brings the schema up to date before the service serves. With DATABASE_OWNER_URL the
 * migrations run as that owner, which then grants the runtime role of DATABASE_URL only what it
 * needs (creating the role first, with the URL's password, if it is missing and the owner may).
 * Without it the runtime role migrates itself — and, owning the log, could switch off its
 * protections: that is said loudly at start-up.
 */
export async function migrateDatabase(config: AppConfig, runtime: DataSource | null, logger = new Logger('Migrations')): Promise<string[]> {
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set');
  if (config.DATABASE_OWNER_URL) {
    const owner = createDataSource(config.DATABASE_OWNER_URL, { poolSize: 2 });
    await owner.initialize();
    try {
      await ensureRuntimeRole(owner, config.DATABASE_URL);
      return await runMigrations(owner, { runtimeRole: roleOf(config.DATABASE_URL) });
    } finally {
      await owner.destroy();
    }
  }
  const own = runtime ?? createDataSource(config.DATABASE_URL, { poolSize: 2 });
  if (!own.isInitialized) await own.initialize();
  try {
    const applied = await runMigrations(own);
    const runner = own.createQueryRunner();
    try {
      const powers = await logPowersOf(runner);
      if (powers.superuser || powers.ownsLog) {
        logger.warn(
          `The service runs as ${powers.superuser ? 'a superuser' : "the log's owner"} (${roleOf(config.DATABASE_URL)}): ` +
            'it could switch off the append-only trigger. Set DATABASE_OWNER_URL to an owner role and DATABASE_URL to a role of its own (README, "Database roles").',
        );
      }
    } finally {
      await runner.release();
    }
    return applied;
  } finally {
    if (own !== runtime) await own.destroy();
  }
}

async function ensureRuntimeRole(owner: DataSource, runtimeUrl: string): Promise<void> {
  const role = roleOf(runtimeUrl);
  const exists = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.length) return;
  const [{ may }] = await owner.query('SELECT rolsuper OR rolcreaterole AS may FROM pg_roles WHERE rolname = current_user');
  if (!may) throw new Error(`The role ${role} of DATABASE_URL does not exist, and the owner role may not create it: create it (LOGIN, no other attribute).`);
  const password = decodeURIComponent(new URL(runtimeUrl).password);
  const withPassword = password ? ` PASSWORD '${password.replace(/'/g, "''")}'` : '';
  await owner.query(`CREATE ROLE ${quoteIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${withPassword}`);
}
