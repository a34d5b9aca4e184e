import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

const WINDOW_MS = 60_000;

/**
 * Counts failed authentications per client address over a sliding minute. Past the limit the
 * address is answered 429 until its oldest failure leaves the window. Per process: with many
 * instances each keeps its own count, which bounds guessing per instance.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly limit: number;

  constructor(config: AppConfig) {
    this.limit = config.AUTH_FAILURE_LIMIT;
  }

  /** Seconds until the address may try again, or 0 when it is not locked out. */
  retryAfter(address: string, now = Date.now()): number {
    const recent = this.prune(address, now);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit] + WINDOW_MS - now) / 1000));
  }

  recordFailure(address: string, now = Date.now()): void {
    const recent = this.prune(address, now);
    recent.push(now);
    this.failures.set(address, recent);
  }

  private prune(address: string, now: number): number[] {
    const recent = (this.failures.get(address) ?? []).filter((t) => now - t < WINDOW_MS);
    if (recent.length) this.failures.set(address, recent);
    else this.failures.delete(address);
    return recent;
  }
}
