import { AppConfig } from '../config/app-config';
import { AuthFailureLimiter, clientNetwork } from './auth-failure-limiter';

const limiterOf = (limit: number) => new AuthFailureLimiter({ AUTH_FAILURE_LIMIT: limit } as AppConfig);

describe('clientNetwork', () => {
  it('counts an IPv4 address, or an IPv4-mapped IPv6 one, by itself', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    expect(clientNetwork('2001:db8:85a3:1:8a2e:370:7334:1')).toBe('2001:db8:85a3:1::/64');
    expect(clientNetwork('2001:0db8:85a3:0001:ffff::2')).toBe('2001:db8:85a3:1::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
  });
});

describe('AuthFailureLimiter', () => {
  const T = 1_000_000;

  it('locks a client out after `limit` failures in a minute, until the oldest leaves the window', () => {
    const limiter = limiterOf(3);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter('198.51.100.1', T + i * 1000)).toBe(0);
      limiter.recordFailure('198.51.100.1', T + i * 1000);
    }
    expect(limiter.retryAfter('198.51.100.1', T + 3000)).toBe(57);
    expect(limiter.retryAfter('198.51.100.1', T + 60_000)).toBe(0);
  });

  it('counts the addresses of one IPv6 /64 together, and other networks apart', () => {
    const limiter = limiterOf(2);
    limiter.recordFailure('2001:db8:1:2::a', T);
    limiter.recordFailure('2001:db8:1:2::b', T);
    expect(limiter.retryAfter('2001:db8:1:2:ffff::c', T)).toBeGreaterThan(0);
    expect(limiter.retryAfter('2001:db8:1:3::a', T)).toBe(0);
  });

  it('remembers a bounded number of networks, however many addresses fail', () => {
    const limiter = limiterOf(20);
    for (let i = 0; i < 120_000; i++) limiter.recordFailure(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, T);
    expect(limiter.tracked).toBeLessThanOrEqual(50_000);
  });
});
