import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';
import { closedLoop } from '../support/stats';
import { aBreachReportedData, BENCH_METADATA } from '../support/event-sized';

/** A table shaped like `events`, without its trigger (both baselines insert into it). */
export const BENCH_RAW_TABLE = `CREATE TABLE IF NOT EXISTS bench_raw (
    position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, stream_version integer NOT NULL,
    type text NOT NULL, schema_version integer NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL,
    recorded_at timestamptz NOT NULL, prev_hash text, hash text NOT NULL, UNIQUE (stream_id, stream_version))`;

/**
 * A baseline in Node: single-row INSERTs of an event-sized row, one per
 * transaction, with the same `pg` driver, into a table shaped like `events` (no trigger, no
 * projection, no hash work).
 */
export async function rawInsertBaseline(url: string, concurrency: number, ms: number) {
  const pool = new Pool({ connectionString: url, max: concurrency });
  await pool.query(BENCH_RAW_TABLE);
  const data = JSON.stringify(aBreachReportedData(randomUUID()));
  const metadata = JSON.stringify(BENCH_METADATA);
  const hash = 'a'.repeat(64);
  const result = await closedLoop(concurrency, ms, async () => {
    await pool.query(
      `INSERT INTO bench_raw (stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
       VALUES ($1, 1, 'BreachReported', 2, $2, $3, now(), NULL, $4)`,
      [`incident-${randomUUID()}`, data, metadata, hash],
    );
  });
  await pool.end();
  return result;
}
