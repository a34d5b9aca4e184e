import { AppConfig, validateConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Runs `work` with the configuration as given when it names a database, or else against the
 * embedded PostgreSQL under .data/ (started for the occasion and stopped after), with both of
 * its roles filled in.
 */
export async function withDatabase<T>(config: AppConfig, work: (config: AppConfig) => Promise<T>): Promise<T> {
  if (config.DATABASE_URL) return work(config);
  const embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, database: 'ceasefire_monitor' });
  try {
    return await work(validateConfig({ ...config, DATABASE_URL: embedded.url, DATABASE_OWNER_URL: embedded.ownerUrl }));
  } finally {
    await embedded.stop();
  }
}
