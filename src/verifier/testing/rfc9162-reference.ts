import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1 transcribed as literally as possible, slices and all, for tests to compare the
 * real code against. Quadratic-ish and proud of it. Leaves are the raw inputs d(i).
 */

const hash = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  parts.forEach((p) => h.update(p));
  return h.digest();
};

/** The largest power of two smaller than n (n > 1). */
function k(n: number): number {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
}

/** §2.1.1: MTH({}) = HASH(); MTH({d(0)}) = HASH(0x00 || d(0)); MTH(D_n) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
export function MTH(D: readonly Uint8Array[]): Buffer {
  const n = D.length;
  if (n === 0) return hash();
  if (n === 1) return hash(Buffer.from([0x00]), D[0]);
  return hash(Buffer.from([0x01]), MTH(D.slice(0, k(n))), MTH(D.slice(k(n))));
}

/** §2.1.3.1: PATH(m, D_n), the inclusion proof of leaf m, deepest element first. */
export function PATH(m: number, D: readonly Uint8Array[]): Buffer[] {
  const n = D.length;
  if (n === 1) return [];
  const split = k(n);
  if (m < split) return [...PATH(m, D.slice(0, split)), MTH(D.slice(split))];
  return [...PATH(m - split, D.slice(split)), MTH(D.slice(0, split))];
}

/** §2.1.4.1: PROOF(m, D_n) = SUBPROOF(m, D_n, true), for 0 < m < n. */
export function PROOF(m: number, D: readonly Uint8Array[]): Buffer[] {
  return SUBPROOF(m, D, true);
}

function SUBPROOF(m: number, D: readonly Uint8Array[], b: boolean): Buffer[] {
  const n = D.length;
  if (m === n) return b ? [] : [MTH(D)];
  const split = k(n);
  if (m <= split) return [...SUBPROOF(m, D.slice(0, split), b), MTH(D.slice(split))];
  return [...SUBPROOF(m - split, D.slice(split), false), MTH(D.slice(0, split))];
}
