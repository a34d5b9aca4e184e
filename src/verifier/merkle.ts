import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 §2.1 (the tree of Certificate Transparency), with SHA-256.
 *
 * Tree sizes and indexes are JavaScript numbers, so every bit operation below is written as
 * arithmetic: `&` and `>>` would silently truncate to 32 bits, and a log may one day pass 2^31.
 */

export const HASH_SIZE = 32;

/** Largest tree size handled exactly by a JavaScript number. */
export const MAX_TREE_SIZE = Number.MAX_SAFE_INTEGER;

function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({d}) = SHA-256(0x00 ‖ d). The prefix keeps a leaf from ever being read as an inner node. */
export function leafHash(leaf: Uint8Array): Buffer {
  return sha256(LEAF_PREFIX, leaf);
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return sha256(NODE_PREFIX, left, right);
}

/** MTH({}) = SHA-256 of the empty string (e3b0c442…). A fresh copy, since Buffers are mutable. */
export function emptyRootHash(): Buffer {
  return sha256();
}

/** The largest power of two strictly smaller than n (n ≥ 2): where RFC 9162 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/**
 * The reference Merkle Tree Hash of RFC 9162 §2.1.1 over raw leaves (each is hashed with
 * leafHash). O(n) hashing, recursion depth O(log n): fine for an auditor replaying a log.
 */
export function rootHash(leaves: readonly Uint8Array[]): Buffer {
  return rootHashOfLeafHashes(leaves.map((leaf) => leafHash(leaf)));
}

/** MTH over leaves already hashed with leafHash. */
export function rootHashOfLeafHashes(leafHashes: readonly Uint8Array[]): Buffer {
  if (leafHashes.length === 0) return emptyRootHash();
  const mth = (lo: number, hi: number): Buffer => {
    if (hi - lo === 1) return Buffer.from(leafHashes[lo]);
    const k = splitPoint(hi - lo);
    return nodeHash(mth(lo, lo + k), mth(lo + k, hi));
  };
  return mth(0, leafHashes.length);
}

/**
 * A perfect subtree: the node at `level` and `index` covers leaves [index·2^level,
 * (index+1)·2^level); level 0 holds the leaf hashes.
 */
export interface NodeId {
  level: number;
  index: number;
}

/**
 * The perfect subtrees that make up leaves [lo, hi), left to right, largest first. Requires lo
 * to be a multiple of a power of two ≥ hi − lo, which holds for [0, n) and for every range the
 * RFC 9162 recursion visits. Folding their hashes from the right gives MTH(D[lo:hi]): the RFC
 * splits off the largest power of two, and that left part is exactly the first subtree here.
 */
export function perfectSubtrees(lo: number, hi: number): NodeId[] {
  const nodes: NodeId[] = [];
  let width = 1;
  let level = 0;
  while (width * 2 <= hi - lo) {
    width *= 2;
    level++;
  }
  let cursor = lo;
  for (; width >= 1; width /= 2, level--) {
    if (cursor + width <= hi) {
      nodes.push({ level, index: cursor / width });
      cursor += width;
    }
  }
  return nodes;
}

/** MTH from the hashes of perfectSubtrees(lo, hi), in that order. */
export function foldSubtrees(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 0) return emptyRootHash();
  let root: Buffer = Buffer.from(hashes[hashes.length - 1]);
  for (let i = hashes.length - 2; i >= 0; i--) root = nodeHash(hashes[i], root);
  return root;
}

/**
 * Every perfect subtree over a list of leaf hashes, so that the root of any prefix costs
 * O(log n) hashes: the auditor compares many prefixes of a replayed log. 2n hashes of memory.
 */
export class PrefixRoots {
  private readonly levels: Buffer[][];

  constructor(leafHashes: readonly Uint8Array[]) {
    this.levels = [leafHashes.map((h) => Buffer.from(h))];
    for (let below = this.levels[0]; below.length >= 2;) {
      const level: Buffer[] = [];
      for (let i = 0; i + 1 < below.length; i += 2) level.push(nodeHash(below[i], below[i + 1]));
      this.levels.push(level);
      below = level;
    }
  }

  get size(): number {
    return this.levels[0].length;
  }

  /** MTH of the first m leaves. */
  root(m: number): Buffer {
    if (!isSize(m) || m > this.size) throw new RangeError(`No prefix of ${m} leaves in a list of ${this.size}`);
    return foldSubtrees(perfectSubtrees(0, m).map(({ level, index }) => this.levels[level][index]));
  }
}

function isSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

function isPath(path: unknown): path is readonly Uint8Array[] {
  return Array.isArray(path) && path.every(isHash);
}

const lsb = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/**
 * RFC 9162 §2.1.3.2, step by step. `leafHashValue` is the leaf's hash (leafHash of its data),
 * `path` the inclusion path from the leaf upwards. Any malformed argument (an index outside
 * the tree, a hash that is not 32 bytes) is a failed verification, never an exception.
 */
export function verifyInclusion(leafIndex: number, treeSize: number, leafHashValue: Uint8Array, path: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!isSize(leafIndex) || !isSize(treeSize) || !isHash(leafHashValue) || !isHash(root) || !isPath(path)) return false;
  // 1. leaf_index must be inside the tree.
  if (leafIndex >= treeSize) return false;
  // 2.
  let fn = leafIndex;
  let sn = treeSize - 1;
  // 3.
  let r: Buffer = Buffer.from(leafHashValue);
  // 4.
  for (const p of path) {
    // a. A path longer than the tree is tall.
    if (sn === 0) return false;
    // b.
    if (lsb(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    // c.
    fn = half(fn);
    sn = half(sn);
  }
  // 5. sn = 0 also rejects a path that is too short.
  return sn === 0 && equal(r, root);
}

/**
 * RFC 9162 §2.1.4.2 for 0 < size1 < size2, step by step. The algorithm itself is defined only
 * for 0 < first < second; the two cases outside it are decided as transparency-dev/merkle does,
 * except that an empty first tree must have the empty tree's hash:
 * - size1 == size2: consistent only with an empty proof and identical roots;
 * - size1 == 0: the empty tree is a prefix of every tree, so consistent with an empty proof,
 *   provided root1 is MTH({}) (and, if size2 is 0 too, root2 as well).
 */
export function verifyConsistency(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, path: readonly Uint8Array[]): boolean {
  if (!isSize(size1) || !isSize(size2) || !isHash(root1) || !isHash(root2) || !isPath(path)) return false;
  if (size1 > size2) return false;
  if (size1 === 0) {
    const empty = emptyRootHash();
    return path.length === 0 && equal(root1, empty) && (size2 > 0 || equal(root2, empty));
  }
  if (size1 === size2) return path.length === 0 && equal(root1, root2);

  // 1.
  if (path.length === 0) return false;
  // 2. A power-of-two first tree is itself a node of the second, so its hash is not sent.
  const consistencyPath = isPowerOfTwo(size1) ? [root1, ...path] : [...path];
  // 3.
  let fn = size1 - 1;
  let sn = size2 - 1;
  // 4.
  while (lsb(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // 5.
  let fr: Buffer = Buffer.from(consistencyPath[0]);
  let sr: Buffer = Buffer.from(consistencyPath[0]);
  // 6.
  for (const c of consistencyPath.slice(1)) {
    // a.
    if (sn === 0) return false;
    // b.
    if (lsb(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!lsb(fn)) {
        while (!lsb(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    // c.
    fn = half(fn);
    sn = half(sn);
  }
  // 7.
  return sn === 0 && equal(fr, root1) && equal(sr, root2);
}

/** Strict lowercase-or-uppercase hex of exactly one hash, as the proof endpoints serve it. */
export function hashFromHex(hex: unknown): Buffer | undefined {
  if (typeof hex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(hex)) return undefined;
  return Buffer.from(hex, 'hex');
}
