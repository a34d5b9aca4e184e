import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';
import { APPEND_CHANNEL } from '../append-channel';
import { EventStore } from '../event-store.service';
import { AdvancingPosition, waitForPosition, WakeSet } from './wake-set';

/** While the notification connection is down, one shared query checks the head this often. */
const POLL_MS = 250;
/** A silent notification connection is found out by a ping this often. */
const PING_MS = 10_000;
/** Reconnection attempts back off up to this. */
const MAX_BACKOFF_MS = 5_000;

/**
 * The highest committed position, known to the whole instance without a query per reader.
 * Appends NOTIFY their last position inside their transaction, and PostgreSQL delivers it at
 * commit to every instance LISTENing; appends commit in position order (ADR 0001), so the head is
 * the largest position announced. Every waiter — `?minPosition=` reads, live feeds — waits on this
 * one object: one connection, one wake-up per commit, never one query each.
 *
 * If the notification connection is lost (or goes silent: a ping finds out), waiters are woken at
 * once, one shared poll takes over while it reconnects with back-off, and the head is re-read
 * after it is back, so nothing committed meanwhile is missed.
 */
@Injectable()
export class LogHead implements AdvancingPosition, OnModuleDestroy {
  private readonly logger = new Logger(LogHead.name);
  private head = -1;
  private client: Client | null = null;
  private starting: Promise<void> | null = null;
  private readonly waiters = new WakeSet();
  private pollTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private backoff = 250;
  private closed = false;
  private readonly unavailableListeners = new Set<(error: unknown) => void>();

  constructor(
    private readonly config: AppConfig,
    private readonly store: EventStore,
  ) {
    // Our own commits are known at once; other instances' arrive by notification.
    store.onCommitted((position) => this.advance(position));
  }

  /** The head as last known, after making sure it is being followed. */
  async current(): Promise<number> {
    await this.follow();
    if (this.head < 0) this.advance(await this.store.headPosition());
    return this.head;
  }

  /** Resolves true once the head reaches `position`, false after `timeoutMs` or on abort. */
  waitFor(position: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return waitForPosition(this, position, timeoutMs, signal);
  }

  /** Resolves at the next change of the head (or a loss of the connection), after `timeoutMs`, or on abort. */
  next(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.closed || signal?.aborted) return Promise.resolve();
    const woken = this.waiters.wait(timeoutMs, signal);
    if (!this.client) this.startPolling();
    return woken;
  }

  /** What this instance itself committed: known before any notification comes back. */
  advance(position: number): void {
    if (position <= this.head) return;
    this.head = position;
    this.wakeAll();
  }

  /**
   * Calls `listener` when the database cannot be reached: a connection was lost and could not be
   * made again (a mere dropped connection that reconnects at once does not count).
   */
  onUnavailable(listener: (error: unknown) => void): void {
    this.unavailableListeners.add(listener);
  }

  /** True once the app is shutting down: live feeds end so the HTTP server can close. */
  get isClosed(): boolean {
    return this.closed;
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    for (const timer of [this.pollTimer, this.pingTimer, this.reconnectTimer]) if (timer) clearInterval(timer);
    this.wakeAll();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private follow(): Promise<void> {
    if (this.client || this.closed || this.reconnectTimer) return Promise.resolve();
    this.starting ??= this.connect()
      .catch((error) => {
        this.lost(error);
        for (const listener of this.unavailableListeners) listener(error);
      })
      .finally(() => (this.starting = null));
    return this.starting;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      connectionTimeoutMillis: this.config.DB_CONNECT_TIMEOUT_MS,
      query_timeout: this.config.DB_QUERY_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      const position = Number(message.payload);
      if (Number.isSafeInteger(position)) this.advance(position);
    });
    client.on('error', (error) => this.lost(error, client));
    await client.connect();
    await client.query(`LISTEN ${APPEND_CHANNEL}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    this.backoff = 250;
    this.stopPolling();
    // Listening now: whatever committed before is covered by reading the head once more.
    this.advance(await this.store.headPosition());
    this.pingTimer = setInterval(() => void client.query('SELECT 1').catch((error) => this.lost(error, client)), PING_MS);
    this.pingTimer.unref();
  }

  private lost(error: unknown, client?: Client): void {
    if (client && client !== this.client) return;
    if (this.closed) return;
    this.logger.warn(`notification connection lost, polling until it is back: ${error instanceof Error ? error.message : String(error)}`);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    const old = this.client;
    this.client = null;
    old?.end().catch(() => undefined);
    // Wake everyone: they re-check the head (by the poll) instead of sleeping through commits.
    this.wakeAll();
    if (this.waiters.size) this.startPolling();
    if (!this.reconnectTimer) {
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null;
        void this.follow();
      }, this.backoff);
      this.reconnectTimer.unref();
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    }
  }

  private startPolling(): void {
    if (this.pollTimer || this.closed) return;
    this.pollTimer = setInterval(() => {
      if (!this.waiters.size || this.client) return this.stopPolling();
      this.store.headPosition().then(
        (head) => this.advance(head),
        () => undefined,
      );
    }, POLL_MS);
    this.pollTimer.unref();
  }

  private stopPolling(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
  }

  private wakeAll(): void {
    this.waiters.wakeAll();
  }
}
