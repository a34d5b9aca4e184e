import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { Client } from 'pg';

export const APPEND_CHANNEL = 'ceasefire_events_appended';

/** Without a notification (e.g. while reconnecting) waiters still re-check this often. */
const FALLBACK_POLL_MS = 1000;

/**
 * Wakes live readers when events commit. Appends NOTIFY in their transaction, and PostgreSQL
 * delivers it only at commit, to every instance LISTENing — so a reader on one instance wakes
 * for a write made through another. One connection per process, opened on first use.
 */
@Injectable()
export class AppendNotifier implements OnModuleDestroy {
  private readonly logger = new Logger(AppendNotifier.name);
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private waiters = new Set<() => void>();
  private closed = false;

  constructor(private readonly config: AppConfig) {}

  /** Resolves at the next commit notification, after `timeoutMs`, or when `signal` aborts. */
  async nextAppend(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    await this.ensureListening().catch((error) => this.logger.warn(`LISTEN failed, polling: ${error}`));
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(timeoutMs, this.client ? timeoutMs : FALLBACK_POLL_MS));
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** True once the app is shutting down: live feeds end so the HTTP server can close. */
  get isClosed(): boolean {
    return this.closed;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const wake of [...this.waiters]) wake();
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private ensureListening(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', () => {
      for (const wake of [...this.waiters]) wake();
    });
    client.on('error', (error) => {
      this.logger.warn(`notification connection lost: ${error.message}`);
      this.client = null;
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${APPEND_CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
  }
}
