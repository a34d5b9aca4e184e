import { Injectable } from '@nestjs/common';
import { isIPv6 } from 'node:net';
import { LRUCache } from 'lru-cache';
import { AppConfig } from '../config/app-config';

const WINDOW_MS = 60_000;

/**
 * Client networks remembered at most. Past it the least recently seen are forgotten first, so a
 * flood from a million addresses costs a bounded few megabytes, not memory without end.
 */
const MAX_TRACKED = 50_000;

/**
 * Counts failed authentications per client network over a sliding minute; past the limit the
 * network is answered 429 until its oldest failure leaves the window. An IPv6 client is counted
 * per /64 (one host usually holds a whole /64 and can rotate through it), an IPv4 one per address.
 * Per process: with many instances each keeps its own count, which bounds guessing per instance.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly failures = new LRUCache<string, number[]>({ max: MAX_TRACKED, ttl: WINDOW_MS });
  private readonly limit: number;

  constructor(config: AppConfig) {
    this.limit = config.AUTH_FAILURE_LIMIT;
  }

  /** Seconds until the client may try again, or 0 when it is not locked out. */
  retryAfter(address: string, now = Date.now()): number {
    const recent = this.recent(clientNetwork(address), now);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.limit] + WINDOW_MS - now) / 1000));
  }

  recordFailure(address: string, now = Date.now()): void {
    const network = clientNetwork(address);
    // Only the last `limit` failures matter for the answer: keep no more.
    const recent = [...this.recent(network, now), now].slice(-this.limit);
    this.failures.set(network, recent);
  }

  /** How many client networks are remembered (for tests and metrics). */
  get tracked(): number {
    return this.failures.size;
  }

  private recent(network: string, now: number): number[] {
    return (this.failures.get(network) ?? []).filter((t) => now - t < WINDOW_MS);
  }
}

/** The unit failures are counted by: an IPv4 address, or the /64 of an IPv6 one. */
export function clientNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
