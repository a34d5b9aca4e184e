import type { ServerResponse } from 'node:http';
import { Semaphore } from '../../common/concurrency/semaphore';
import { drained } from '../../common/http/streaming';
import { EventStore } from '../event-store.service';
import { RecordedEvent } from '../event-store.types';
import { LIVE_PAGE, LiveFeedHub, LiveSubscriber } from './live-feed-hub';
import { ReadHead } from './read-head';

export const HEARTBEAT_MS = 15_000;

export interface LiveFilter {
  type?: string;
  streamId?: string;
}

export interface LiveFeedDeps {
  store: EventStore;
  hub: LiveFeedHub;
  /** How far the read side has got: pages are read there, so "seen up to the head" must be its head. */
  head: ReadHead;
  /** Bounds how many clients read catch-up pages from the database at once. */
  catchUp: Semaphore;
  /**
   * Bytes the client's socket may hold unsent before the hub detaches it (LIVE_FEED_CLIENT_BUFFER_BYTES).
   * The socket's own high-water mark (16 kB) is less than one page of events: a reader that keeps
   * up but is a few milliseconds late would be detached on nearly every page and catch up with a
   * query of its own, adding tens of milliseconds of lag. Memory per client stays bounded: this
   * allowance plus one page.
   */
  bufferBytes: number;
}

/**
 * One client of GET /events/live. It catches up with its own paged reads — one page in memory at
 * a time, the next read only once the socket has drained — then attaches to the hub and is handed
 * each new page. When its socket holds more than its allowance, it is detached, waits for the drain, and catches up again
 * from the last event it sent: memory per client is bounded by one page and that allowance,
 * whether the client reads or not. `seen` only ever moves forward, so no event is sent twice.
 */
export class LiveFeedSession implements LiveSubscriber {
  seen: number;
  private lastWrite = Date.now();
  private detachedWake: (() => void) | null = null;
  /** Set by the hub's side (socket full) and by end(): the session must stop waiting on the hub. */
  private detached = false;
  private ended = false;

  constructor(
    private readonly out: ServerResponse,
    after: number,
    private readonly filter: LiveFilter,
    private readonly deps: LiveFeedDeps,
  ) {
    this.seen = after;
  }

  async run(signal: AbortSignal): Promise<void> {
    const heartbeat = setInterval(() => {
      if (Date.now() - this.lastWrite >= HEARTBEAT_MS && !this.out.writableNeedDrain) this.write(': heartbeat\n\n');
    }, HEARTBEAT_MS / 3);
    signal.addEventListener('abort', () => this.wake(), { once: true });
    try {
      while (!signal.aborted && !this.ended && !this.deps.head.isClosed) {
        await this.catchUp(signal);
        if (signal.aborted || this.ended) break;
        if (!this.detached && !signal.aborted && !this.ended) await new Promise<void>((resolve) => (this.detachedWake = resolve));
        this.detached = false;
        this.deps.hub.detach(this);
        if (!signal.aborted && !this.ended) await drained(this.out);
      }
    } finally {
      clearInterval(heartbeat);
      this.deps.hub.detach(this);
      if (!this.out.writableEnded) this.out.end();
    }
  }

  /** Pages up to the hub's tail, then attaches; throws if the database fails (the caller ends the response). */
  private async catchUp(signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted || this.ended) return;
      const head = await this.deps.head.current();
      const page = await this.deps.catchUp.run(() => this.deps.store.readAll({ after: this.seen, limit: LIVE_PAGE, ...this.filter }));
      for (const event of page) this.send(event);
      // A short page has seen everything committed up to the head read before it.
      if (page.length < LIVE_PAGE) this.seen = Math.max(this.seen, head);
      await drained(this.out);
      if (page.length < LIVE_PAGE && this.deps.hub.attach(this)) return;
    }
  }

  deliver(events: readonly RecordedEvent[]): boolean {
    for (const event of events) {
      if (event.position <= this.seen) continue;
      if (this.matches(event)) this.send(event);
      else this.seen = event.position;
      if (this.out.writableLength > this.deps.bufferBytes) {
        this.detached = true;
        this.wake();
        return false;
      }
    }
    return true;
  }

  end(): void {
    this.ended = true;
    this.detached = true;
    this.wake();
  }

  private wake(): void {
    const wake = this.detachedWake;
    this.detachedWake = null;
    wake?.();
  }

  private matches(event: RecordedEvent): boolean {
    return (!this.filter.type || event.type === this.filter.type) && (!this.filter.streamId || event.streamId === this.filter.streamId);
  }

  private send(event: RecordedEvent): void {
    this.write(`id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    this.seen = event.position;
  }

  private write(chunk: string): void {
    if (this.out.destroyed) return;
    this.out.write(chunk);
    this.lastWrite = Date.now();
  }
}
