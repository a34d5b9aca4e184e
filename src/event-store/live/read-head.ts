import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { ReadDatabase } from '../../database/read-database';
import { sleep } from '../../common/concurrency/abortable-sleep';
import { LogHead } from './log-head';
import { AdvancingPosition, waitForPosition, WakeSet } from './wake-set';

/** While the replica is behind the primary's head and someone waits, it is asked this often. */
const POLL_MS = 10;
/** After a failed poll, the next one waits this long. */
const RETRY_MS = 500;
/** With nothing to catch up, the poller re-checks the primary's head at least this often. */
const IDLE_MS = 1_000;

/**
 * How far the read side (ReadDatabase) has got in the log: what every reader of the read side
 * waits on — `?minPosition=` reads, the live feed, the truce-record cache.
 *
 * Without a replica it is the LogHead itself. With one, it is the highest position the replica has
 * replayed, kept as a lower bound (a replica only moves forward): a hot standby cannot LISTEN, so
 * while someone waits and the replica is behind the primary's head, one shared poll asks it —
 * never a query per waiter, and none while the replica has everything the primary announced.
 */
@Injectable()
export class ReadHead implements AdvancingPosition, OnModuleDestroy {
  private readonly logger = new Logger(ReadHead.name);
  private replayed = -1;
  private readonly waiters = new WakeSet();
  private polling: Promise<void> | null = null;
  private readonly stop = new AbortController();

  constructor(
    private readonly log: LogHead,
    private readonly reads: ReadDatabase,
  ) {}

  get isReplica(): boolean {
    return this.reads.isReplica;
  }

  get isClosed(): boolean {
    return this.log.isClosed;
  }

  /** A position every query on the read side sees (a lower bound: the replica may be further). */
  async current(): Promise<number> {
    if (!this.reads.isReplica) return this.log.current();
    if (this.replayed < 0) this.advance(await this.reads.headPosition());
    return this.replayed;
  }

  /** Resolves true once the read side has `position`, false after `timeoutMs` or on abort. */
  waitFor(position: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (!this.reads.isReplica) return this.log.waitFor(position, timeoutMs, signal);
    return waitForPosition(this, position, timeoutMs, signal);
  }

  /** Resolves when the read side moves on, after `timeoutMs`, or on abort. */
  next(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (!this.reads.isReplica) return this.log.next(timeoutMs, signal);
    if (this.isClosed || signal?.aborted) return Promise.resolve();
    const woken = this.waiters.wait(timeoutMs, signal);
    this.polling ??= this.poll().finally(() => (this.polling = null));
    return woken;
  }

  onModuleDestroy(): void {
    this.stop.abort();
    this.waiters.wakeAll();
  }

  private advance(position: number): void {
    if (position <= this.replayed) return;
    this.replayed = position;
    this.waiters.wakeAll();
  }

  /** Runs while anyone waits: asks the replica only when the primary announced more than it has. */
  private async poll(): Promise<void> {
    while (this.waiters.size && !this.stop.signal.aborted) {
      try {
        if ((await this.log.current()) > this.replayed) {
          this.advance(await this.reads.headPosition());
          await sleep(POLL_MS, this.stop.signal);
        } else {
          await this.log.next(IDLE_MS, this.stop.signal);
        }
      } catch (error) {
        this.logger.warn(`reading the replica's position failed: ${error instanceof Error ? error.message : String(error)}`);
        await sleep(RETRY_MS, this.stop.signal);
      }
    }
  }
}
