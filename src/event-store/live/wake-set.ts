/**
 * Callers parked until something changes — the log's head, or how far a replica has replayed it.
 * Each wakes on wakeAll(), after its own timeout, or when its signal aborts; none is left behind
 * (its timer and abort listener go with it).
 */
export class WakeSet {
  private readonly waiters = new Set<() => void>();

  get size(): number {
    return this.waiters.size;
  }

  /** Parks the caller (synchronously added, so a poller started right after sees it). */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  wakeAll(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/** A position that moves only forward, and the way to wait for the next move. */
export interface AdvancingPosition {
  current(): Promise<number>;
  next(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  readonly isClosed: boolean;
}

/** Resolves true once `head` reaches `position`, false after `timeoutMs`, on abort or when it closes. */
export async function waitForPosition(head: AdvancingPosition, position: number, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while ((await head.current()) < position) {
    const left = deadline - Date.now();
    if (left <= 0 || signal?.aborted || head.isClosed) return false;
    await head.next(left, signal);
  }
  return true;
}
