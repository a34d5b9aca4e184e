import type { ServerResponse } from 'node:http';
import { Semaphore } from '../../common/concurrency/semaphore';
import { EventStore } from '../event-store.service';
import { RecordedEvent } from '../event-store.types';
import { LiveFeedHub } from './live-feed-hub';
import { LiveFeedSession } from './live-feed-session';
import { ReadHead } from './read-head';

/** A socket that never sends: everything written stays in its buffer, as with a reader that is late. */
function unreadSocket() {
  const chunks: string[] = [];
  const out = {
    destroyed: false,
    writableLength: 0,
    write(chunk: string) {
      chunks.push(chunk);
      out.writableLength += Buffer.byteLength(chunk);
      return true;
    },
  };
  return { out, ids: () => chunks.map((c) => Number(/^id: (\d+)/.exec(c)?.[1])) };
}

/** A page of `count` events from position `from`, each about 1 kB as SSE (the size of a report). */
function page(from: number, count: number): RecordedEvent[] {
  return Array.from({ length: count }, (_, k) => ({
    position: from + k,
    logIndex: from + k - 1,
    streamId: `incident-${from + k}`,
    streamVersion: 1,
    type: 'BreachReported',
    schemaVersion: 2,
    data: { summary: 'x'.repeat(800) },
    metadata: { actor: 'a', correlationId: 'c', causationId: null },
    recordedAt: '2020-10-10T08:00:00.000Z',
    hash: 'h',
    prevHash: null,
  }));
}

function session(out: object, bufferBytes: number) {
  const deps = { store: {} as EventStore, hub: {} as LiveFeedHub, head: {} as ReadHead, catchUp: new Semaphore(1), bufferBytes };
  return new LiveFeedSession(out as ServerResponse, 0, {}, deps);
}

describe('LiveFeedSession.deliver (the hub hands it each new page)', () => {
  it('stays attached while its unsent bytes are within the allowance, even past the socket’s 16 kB mark', () => {
    const { out, ids } = unreadSocket();
    const reader = session(out, 256 * 1024);
    expect(reader.deliver(page(1, 100))).toBe(true);
    expect(out.writableLength).toBeGreaterThan(16 * 1024);
    expect(ids()).toEqual(Array.from({ length: 100 }, (_, k) => k + 1));
    expect(reader.seen).toBe(100);
  });

  it('is detached once its unsent bytes pass the allowance, having sent nothing beyond what it has seen', () => {
    const { out, ids } = unreadSocket();
    const reader = session(out, 16 * 1024);
    expect(reader.deliver(page(1, 100))).toBe(false);
    const sent = ids();
    // Stopped at the first event that took it past the allowance: the rest it reads itself, after `seen`.
    expect(sent.length).toBeLessThan(100);
    expect(out.writableLength).toBeGreaterThan(16 * 1024);
    expect(out.writableLength - 16 * 1024).toBeLessThan(2 * 1024);
    expect(sent).toEqual(Array.from({ length: sent.length }, (_, k) => k + 1));
    expect(reader.seen).toBe(sent.length);
  });

  it('never sends an event twice when the hub hands it a page it has partly seen', () => {
    const { out, ids } = unreadSocket();
    const reader = session(out, 256 * 1024);
    reader.deliver(page(1, 10));
    reader.deliver(page(6, 10));
    expect(ids()).toEqual(Array.from({ length: 15 }, (_, k) => k + 1));
  });
});
