/**
 * At most `limit` holders at once; the rest wait in arrival order. For bounding how many
 * expensive reads (catch-up pages, exports) run together, so one kind cannot starve the rest.
 */
export class Semaphore {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Takes a place at once if one is free; never waits. */
  tryAcquire(): boolean {
    if (this.held >= this.limit) return false;
    this.held += 1;
    return true;
  }

  async acquire(): Promise<void> {
    if (this.tryAcquire()) return;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held -= 1;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  get inUse(): number {
    return this.held;
  }
}
