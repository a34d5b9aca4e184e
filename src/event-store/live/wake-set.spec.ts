import { AdvancingPosition, waitForPosition, WakeSet } from './wake-set';

describe('WakeSet', () => {
  it('wakes every parked caller at once and forgets them', async () => {
    const set = new WakeSet();
    const woken: number[] = [];
    const parked = [1, 2, 3].map((n) => set.wait(60_000).then(() => woken.push(n)));
    expect(set.size).toBe(3);
    set.wakeAll();
    await Promise.all(parked);
    expect({ woken: woken.sort(), left: set.size }).toEqual({ woken: [1, 2, 3], left: 0 });
  });

  it('lets a caller go after its timeout or on abort, leaving the others parked', async () => {
    const set = new WakeSet();
    const abort = new AbortController();
    const timedOut = set.wait(5);
    const aborted = set.wait(60_000, abort.signal);
    const stays = set.wait(60_000);
    await timedOut;
    abort.abort();
    await aborted;
    expect(set.size).toBe(1);
    set.wakeAll();
    await stays;
    expect(set.size).toBe(0);
  });
});

describe('waitForPosition', () => {
  /** A head moved by hand: next() parks until moveTo(). */
  function manualHead(start: number) {
    const set = new WakeSet();
    let position = start;
    const head: AdvancingPosition & { moveTo(p: number): void } = {
      current: () => Promise.resolve(position),
      next: (timeoutMs, signal) => set.wait(timeoutMs, signal),
      isClosed: false,
      moveTo: (p) => {
        position = p;
        set.wakeAll();
      },
    };
    return head;
  }

  it('is true once the head reaches the position, waiting through smaller moves', async () => {
    const head = manualHead(3);
    const reached = waitForPosition(head, 7, 60_000);
    head.moveTo(5);
    await new Promise((r) => setImmediate(r));
    head.moveTo(7);
    await expect(reached).resolves.toBe(true);
  });

  it('is false when the time runs out or the caller aborts first', async () => {
    const head = manualHead(3);
    await expect(waitForPosition(head, 7, 5)).resolves.toBe(false);
    const abort = new AbortController();
    const waiting = waitForPosition(head, 7, 60_000, abort.signal);
    abort.abort();
    await expect(waiting).resolves.toBe(false);
  });
});
