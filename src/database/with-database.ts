import { AppConfig } from '../config/app-config';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Runs `work` against DATABASE_URL, or, when none is given, against the embedded PostgreSQL
 * under .data/ (started for the occasion and stopped after).
 */
export async function withDatabase<T>(config: AppConfig, work: (url: string) => Promise<T>): Promise<T> {
  if (config.DATABASE_URL) return work(config.DATABASE_URL);
  const embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, database: 'ceasefire_monitor' });
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
  }
}
