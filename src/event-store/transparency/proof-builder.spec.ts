import fc from 'fast-check';
import { leafHash, verifyConsistency, verifyInclusion } from '../../verifier/merkle';
import { MTH, PATH, PROOF } from '../../verifier/testing/rfc9162-reference';
import { consistencyPlan, inclusionPlan, ProofBuilder } from './proof-builder';
import { appendLeaves, frontierNodes, rootFromFrontier } from './subtrees';
import { MemorySubtrees } from './testing/memory-subtrees';

/** Leaves as the log has them: the 32 bytes of an event hash. */
const eventHashes = (n: number, salt = ''): Buffer[] => Array.from({ length: n }, (_, i) => MTH([Buffer.from(`${salt}event ${i}`)]));

/** Fills the subtree table in uneven batches, as append batches of varying size would. */
function logOf(leaves: readonly Buffer[], batchSizes: readonly number[] = [1, 3, 2, 7, 1, 5]): MemorySubtrees {
  const store = new MemorySubtrees();
  for (let i = 0, b = 0; i < leaves.length; b++) {
    const batch = leaves.slice(i, i + batchSizes[b % batchSizes.length]);
    store.append(batch.map((leaf) => leafHash(leaf)));
    i += batch.length;
  }
  return store;
}

/** Hex strings compare far faster in Jest than Buffers do. */
const hex = (hashes: readonly Buffer[]): string[] => hashes.map((h) => h.toString('hex'));

const ceilLog2 = (n: number): number => (n <= 1 ? 0 : Math.ceil(Math.log2(n)));

describe('appendLeaves', () => {
  it('inserts every perfect subtree exactly once and keeps the frontier of the tree so far', () => {
    const leaves = eventHashes(64);
    const store = new MemorySubtrees();
    for (let n = 1; n <= 64; n++) {
      store.append([leafHash(leaves[n - 1])]);
      expect(rootFromFrontier(store.currentFrontier)).toEqual(MTH(leaves.slice(0, n)));
      expect(store.currentFrontier).toHaveLength(frontierNodes(n).length);
    }
    // 64 leaves + 32 + 16 + 8 + 4 + 2 + 1 nodes above them.
    expect(store.storedNodes).toBe(127);
  });

  it('returns the same nodes and frontier whether the leaves come one by one or in one batch', () => {
    const hashes = eventHashes(37).map((leaf) => leafHash(leaf));
    const whole = appendLeaves([], 0, hashes);
    let frontier: Buffer[] = [];
    const nodes = hashes.flatMap((hash, i) => {
      const step = appendLeaves(frontier, i, [hash]);
      frontier = step.frontier;
      return step.nodes;
    });
    expect(nodes).toEqual(whole.nodes);
    expect(frontier).toEqual(whole.frontier);
    expect(whole.size).toBe(37);
  });

  it('refuses a frontier that does not fit the size and leaf hashes that are not 32 bytes', () => {
    expect(() => appendLeaves([], 1, [])).toThrow(RangeError);
    expect(() => appendLeaves([Buffer.alloc(32)], 2, [])).not.toThrow();
    expect(() => appendLeaves([Buffer.alloc(32)], 3, [])).toThrow(RangeError);
    expect(() => appendLeaves([], 0, [Buffer.alloc(31)])).toThrow(RangeError);
    expect(() => appendLeaves([], -1, [])).toThrow(RangeError);
  });
});

describe('ProofBuilder against the literal RFC 9162 definitions, every tree of 1 to 64 leaves', () => {
  const leaves = eventHashes(64);
  const store = logOf(leaves);
  const builder = new ProofBuilder(store.hashes);

  it('computes MTH for every size (and the empty tree without a lookup)', async () => {
    for (let n = 0; n <= 64; n++) await expect(builder.rootHash(n)).resolves.toEqual(MTH(leaves.slice(0, n)));
  });

  // Jest's expect costs ~0.1 ms a call; with thousands of cases, the loops collect what is wrong.
  it('builds PATH(m, D_n) for every leaf of every tree, in one lookup of O(log n) nodes, and it verifies', async () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 64; n++) {
      const tree = leaves.slice(0, n);
      const root = MTH(tree);
      for (let m = 0; m < n; m++) {
        const lookupsBefore = store.lookups.length;
        const proof = await builder.inclusionProof(m, n);
        const batches = store.lookups.slice(lookupsBefore);
        if (hex(proof).join() !== hex(PATH(m, tree)).join()) wrong.push(`PATH(${m}, D_${n}) differs`);
        if (batches.length !== (proof.length > 0 ? 1 : 0) || batches.some((size) => size > 2 * ceilLog2(n)))
          wrong.push(`PATH(${m}, D_${n}) looked up ${batches.join(',')}`);
        if (!verifyInclusion(m, n, leafHash(leaves[m]), proof, root)) wrong.push(`PATH(${m}, D_${n}) does not verify`);
        if (verifyInclusion(m, n, leafHash(leaves[(m + 1) % 64]), proof, root)) wrong.push(`PATH(${m}, D_${n}) verifies another leaf`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('builds PROOF(m, D_n) for every 0 ≤ m ≤ n ≤ 64, in one lookup of O(log n) nodes, and it verifies', async () => {
    const wrong: string[] = [];
    const roots = Array.from({ length: 65 }, (_, m) => MTH(leaves.slice(0, m)));
    const otherLeaves = eventHashes(64, 'other ');
    const otherRoots = Array.from({ length: 65 }, (_, m) => MTH(otherLeaves.slice(0, m)));
    for (let n = 1; n <= 64; n++) {
      const root2 = roots[n];
      for (let m = 0; m <= n; m++) {
        const root1 = roots[m];
        const lookupsBefore = store.lookups.length;
        const proof = await builder.consistencyProof(m, n);
        const batches = store.lookups.slice(lookupsBefore);
        const expected = 0 < m && m < n ? PROOF(m, leaves.slice(0, n)) : [];
        if (hex(proof).join() !== hex(expected).join()) wrong.push(`PROOF(${m}, D_${n}) differs`);
        if (batches.length !== (proof.length > 0 ? 1 : 0) || batches.some((size) => size > 2 * ceilLog2(n)))
          wrong.push(`PROOF(${m}, D_${n}) looked up ${batches.join(',')}`);
        if (!verifyConsistency(m, n, root1, root2, proof)) wrong.push(`PROOF(${m}, D_${n}) does not verify`);
        if (m > 0 && m < n && verifyConsistency(m, n, otherRoots[m], root2, proof)) wrong.push(`PROOF(${m}, D_${n}) verifies another first tree`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses what is not a proof of this log', async () => {
    expect(() => inclusionPlan(5, 5)).toThrow(RangeError);
    expect(() => inclusionPlan(0, 0)).toThrow(RangeError);
    expect(() => consistencyPlan(6, 5)).toThrow(RangeError);
    expect(() => consistencyPlan(-1, 5)).toThrow(RangeError);
    expect(() => consistencyPlan(1.5, 5)).toThrow(RangeError);
    await expect(builder.rootHash(65)).rejects.toThrow('No subtree');
  });

  it('needs only O(log n) nodes for trees far larger than it could store', () => {
    const n = 2 ** 40 + 2 ** 20 + 12345;
    for (const m of [0, 1, 2 ** 39, n - 1]) expect(inclusionPlan(m, n).flat().length).toBeLessThanOrEqual(2 * 41);
    for (const m of [1, 7, 2 ** 40, 2 ** 40 + 1, n - 1]) expect(consistencyPlan(m, n).flat().length).toBeLessThanOrEqual(2 * 41);
  });
});

describe('Proofs over random logs (property)', () => {
  /** A log, sizes m ≤ n within it, a leaf index below n, and a leaf to tamper with. */
  const scenario = fc
    .record({
      leaves: fc.array(fc.uint8Array({ minLength: 0, maxLength: 40 }), { minLength: 1, maxLength: 300 }),
      batches: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
      a: fc.nat(),
      b: fc.nat(),
      c: fc.nat(),
      d: fc.nat(),
    })
    .map(({ leaves, batches, a, b, c, d }) => {
      const total = leaves.length;
      const n = 1 + (a % total);
      const m = b % (n + 1);
      const index = c % n;
      const tampered = d % n;
      const data = leaves.map((leaf) => MTH([Buffer.from(leaf)]));
      return { data, batches, n, m, index, tampered };
    });

  it('every inclusion and consistency proof verifies, and changing any one leaf makes them fail', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ data, batches, n, m, index, tampered }) => {
        const honest = new ProofBuilder(logOf(data, batches).hashes);
        const rewritten = data.map((leaf, i) => (i === tampered ? MTH([leaf]) : leaf));
        const forged = new ProofBuilder(logOf(rewritten, batches).hashes);
        const root1 = await honest.rootHash(m);
        const root2 = await honest.rootHash(n);
        expect(root2).toEqual(MTH(data.slice(0, n)));

        const inclusion = await honest.inclusionProof(index, n);
        expect(verifyInclusion(index, n, leafHash(data[index]), inclusion, root2)).toBe(true);
        const consistency = await honest.consistencyProof(m, n);
        expect(verifyConsistency(m, n, root1, root2, consistency)).toBe(true);

        // The trusted root of n leaves no longer admits leaf `index` of the rewritten log, whether
        // the rewrite hit that leaf or another one its proof commits to.
        const forgedInclusion = await forged.inclusionProof(index, n);
        expect(verifyInclusion(index, n, leafHash(rewritten[index]), forgedInclusion, root2)).toBe(false);
        // A rewrite inside the trusted first tree cannot be proven consistent with it …
        const forgedRoot2 = await forged.rootHash(n);
        if (tampered < m) expect(verifyConsistency(m, n, root1, forgedRoot2, await forged.consistencyProof(m, n))).toBe(false);
        // … and the honest proof does not reach the rewritten tree (only the empty tree is a
        // prefix of every tree).
        if (m > 0) expect(verifyConsistency(m, n, root1, forgedRoot2, consistency)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
