import { startEmbeddedPostgres } from './embedded-postgres';

export const EMBEDDED_DATA_DIR = process.env.EMBEDDED_PG_DIR ?? '.data/postgres';

/**
 * Runs `work` against DATABASE_URL, or, when none is given, against the embedded PostgreSQL
 * under .data/ (started for the occasion and stopped after).
 */
export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return work(process.env.DATABASE_URL);
  const embedded = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, database: 'ceasefire_monitor' });
  try {
    return await work(embedded.url);
  } finally {
    await embedded.stop();
  }
}
