import { Client } from 'pg';
import { sleep } from '../common/concurrency/abortable-sleep';

/**
 * First key of the relay's session-level advisory lock; the second is the stream's name hashed,
 * so relays of different streams do not wait on each other. (The two-key form never meets the
 * one-key locks of the append path.)
 */
export const RELAY_LOCK_CLASS = 4_242_100;

/** How often a standby tries for the lock, and the leader checks it still holds its connection. */
const CHECK_MS = 2000;

export interface LeadershipOptions {
  databaseUrl: string;
  stream: string;
  connectTimeoutMs: number;
  queryTimeoutMs: number;
}

/**
 * Only one instance publishes at a time: the one holding a PostgreSQL advisory lock on a
 * connection of its own. PostgreSQL releases the lock when that connection ends, so a crashed
 * leader's lock passes on by itself. The broker's guards (nats-relay.ts) keep the stream right
 * even if two instances overlap for a moment (a leader whose connection is found dead late);
 * the lock only spares them from fighting over it.
 */
export class RelayLeadership {
  constructor(private readonly options: LeadershipOptions) {}

  /**
   * Runs `lead` while holding the lock, waiting for it as long as another instance holds it; the
   * signal given to `lead` aborts when the lock's connection is lost. Returns when `signal` aborts.
   */
  async hold(signal: AbortSignal, lead: (lost: AbortSignal) => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    while (!signal.aborted) {
      const client = new Client({
        connectionString: this.options.databaseUrl,
        connectionTimeoutMillis: this.options.connectTimeoutMs,
        query_timeout: this.options.queryTimeoutMs,
        keepAlive: true,
      });
      const lost = new AbortController();
      const onAbort = () => lost.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      client.on('error', (error) => {
        onError(error);
        lost.abort();
      });
      client.on('end', () => lost.abort());
      let check: NodeJS.Timeout | undefined;
      try {
        await client.connect();
        while (!lost.signal.aborted && !(await this.tryLock(client))) await sleep(CHECK_MS, lost.signal);
        if (!lost.signal.aborted) {
          check = setInterval(() => void client.query('SELECT 1').catch(() => lost.abort()), CHECK_MS);
          await lead(lost.signal);
        }
      } catch (error) {
        onError(error);
      } finally {
        if (check) clearInterval(check);
        signal.removeEventListener('abort', onAbort);
        lost.abort();
        // Ending the session releases the lock.
        await client.end().catch(() => undefined);
      }
      if (!signal.aborted) await sleep(CHECK_MS, signal);
    }
  }

  private async tryLock(client: Client): Promise<boolean> {
    const { rows } = await client.query('SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS held', [RELAY_LOCK_CLASS, this.options.stream]);
    return rows[0].held === true;
  }
}
