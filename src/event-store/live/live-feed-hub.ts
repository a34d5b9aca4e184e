import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { EventStore } from '../event-store.service';
import { RecordedEvent } from '../event-store.types';
import { LogHead } from './log-head';
import { ReadHead } from './read-head';

/** Events read per query, by the hub and by a reader catching up. */
export const LIVE_PAGE = 100;

/**
 * A reader that has caught up with the log. `deliver` gets each new page, in order, and returns
 * false when the reader cannot take more now (its socket holds more than its allowance): it is
 * then detached and catches up on its own once the socket drains, so the hub never buffers for
 * anyone.
 */
export interface LiveSubscriber {
  /** Every position up to this one has been seen (sent, or skipped by the reader's filter). */
  readonly seen: number;
  deliver(events: readonly RecordedEvent[]): boolean;
  /** The feed cannot go on (the database failed, or the app is stopping): end the response. */
  end(): void;
}

/**
 * One reader of the log's tail for every live client of this instance. Each commit wakes the hub
 * once; it reads the new events once and hands the same page to every attached subscriber —
 * instead of each of hundreds of idle clients querying for itself on every append.
 */
@Injectable()
export class LiveFeedHub implements OnModuleDestroy {
  private readonly logger = new Logger(LiveFeedHub.name);
  private readonly subscribers = new Set<LiveSubscriber>();
  /** The hub has read and dispatched every event up to here. */
  private tail = 0;
  private pumping: Promise<void> | null = null;
  private readonly stop = new AbortController();

  constructor(
    private readonly store: EventStore,
    log: LogHead,
    /** The hub reads the read side (the replica, if any): it follows that side's head. */
    private readonly head: ReadHead,
  ) {
    log.onUnavailable((error) => this.fail(error));
  }

  /**
   * Attaches a subscriber that has seen everything up to the hub's tail (else false: it must
   * catch up first). Synchronous, so nothing can slip between the check and the attachment.
   */
  attach(subscriber: LiveSubscriber): boolean {
    if (this.subscribers.size === 0) this.tail = Math.max(this.tail, subscriber.seen);
    if (subscriber.seen < this.tail) return false;
    this.subscribers.add(subscriber);
    this.pumping ??= this.pump().finally(() => (this.pumping = null));
    return true;
  }

  detach(subscriber: LiveSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  get attached(): number {
    return this.subscribers.size;
  }

  onModuleDestroy(): void {
    this.stop.abort();
    this.endAll();
  }

  private async pump(): Promise<void> {
    while (this.subscribers.size && !this.stop.signal.aborted) {
      try {
        if ((await this.head.current()) <= this.tail) {
          await this.head.next(15_000, this.stop.signal);
          continue;
        }
        const events = await this.store.readAll({ after: this.tail, limit: LIVE_PAGE });
        if (!events.length) {
          await this.head.next(1_000, this.stop.signal);
          continue;
        }
        this.tail = events[events.length - 1].position;
        for (const subscriber of [...this.subscribers]) {
          if (!subscriber.deliver(events)) this.subscribers.delete(subscriber);
        }
      } catch (error) {
        this.fail(error);
      }
    }
  }

  /**
   * Without the database the feed cannot go on: every response ends, so clients reconnect
   * (EventSource does, with Last-Event-ID) — to this instance once it is back, or to another.
   */
  private fail(error: unknown): void {
    if (!this.subscribers.size) return;
    this.logger.warn(`live feeds ended: ${error instanceof Error ? error.message : String(error)}`);
    this.endAll();
  }

  private endAll(): void {
    for (const subscriber of [...this.subscribers]) {
      this.subscribers.delete(subscriber);
      subscriber.end();
    }
  }
}
