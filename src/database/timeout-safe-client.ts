import { Client } from 'pg';

/**
 * A pg Client that gives up on its connection when an answer does not come. With `query_timeout`,
 * pg rejects a query whose answer is late but keeps the connection — still waiting for that
 * answer, so every later query on it waits too. When the database went silent (packets dropped,
 * not refused), that answer never comes: the pool would hand out dead connections forever.
 * Destroying the socket marks the client broken, and the pool replaces it.
 */
export class TimeoutSafeClient extends Client {
  override query(...args: unknown[]): any {
    const result = (Client.prototype.query as (...a: unknown[]) => unknown).apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(undefined, (error: unknown) => {
        if (error instanceof Error && error.message === 'Query read timeout') this.abandon();
      });
    }
    return result;
  }

  private abandon(): void {
    (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
  }
}
