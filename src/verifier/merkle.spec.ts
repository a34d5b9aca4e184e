// Known answers from github.com/transparency-dev/merkle (rfc6962/rfc6962_test.go and
// proof/verify_test.go): the hashes of RFC 6962/9162 as the Go implementation that CT logs,
// Trillian and the Go checksum database use computes them.
import { emptyRootHash, leafHash, nodeHash, perfectSubtrees, PrefixRoots, rootHash, verifyConsistency, verifyInclusion } from './merkle';
import { MTH, PATH, PROOF } from './testing/rfc9162-reference';

const hex = (h: string): Buffer => Buffer.from(h, 'hex');
const someHash = hex('abacaba000000000000000000000000000000000000000000060061e00123456');
const emptyTreeHash = hex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');

// verify_test.go: the leaves, and the roots of the trees of their first 1 … 8.
const goLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hex);
const goRoots = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(hex);

// verify_test.go inclusionProofs: {leaf (1-based), size, proof}.
const goInclusion: Array<{ leaf: number; size: number; proof: string[] }> = [
  { leaf: 1, size: 1, proof: [] },
  {
    leaf: 1,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    leaf: 6,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { leaf: 3, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    leaf: 2,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

// verify_test.go consistencyProofs: {size1, size2, proof}.
const goConsistency: Array<{ size1: number; size2: number; proof: string[] }> = [
  { size1: 1, size2: 1, proof: [] },
  {
    size1: 1,
    size2: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    size1: 6,
    size2: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    size1: 2,
    size2: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
  {
    size1: 6,
    size2: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const flipBit = (b: Buffer, byte = 0, bit = 3): Buffer => {
  const copy = Buffer.from(b);
  copy[byte] ^= 1 << bit;
  return copy;
};

describe('RFC 9162 hashes (known answers from transparency-dev/merkle)', () => {
  it('hashes the empty tree, an empty leaf, a leaf and a node', () => {
    expect(emptyRootHash()).toEqual(emptyTreeHash);
    expect(rootHash([])).toEqual(emptyTreeHash);
    expect(leafHash(Buffer.alloc(0)).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(leafHash(Buffer.from('L123456')).toString('hex')).toBe('395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56');
    expect(nodeHash(Buffer.from('N123'), Buffer.from('N456')).toString('hex')).toBe('aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb');
  });

  it('computes the Merkle tree hash of trees of 1 to 8 leaves', () => {
    goRoots.forEach((root, i) => expect(rootHash(goLeaves.slice(0, i + 1))).toEqual(root));
  });

  it('agrees with the literal RFC definition on trees of 0 to 64 leaves', () => {
    const leaves = Array.from({ length: 64 }, (_, i) => Buffer.from(`leaf ${i}`));
    for (let n = 0; n <= 64; n++) expect(rootHash(leaves.slice(0, n))).toEqual(MTH(leaves.slice(0, n)));
  });

  it('folds perfect subtrees into the root of every prefix', () => {
    const leaves = Array.from({ length: 64 }, (_, i) => Buffer.from(`leaf ${i}`));
    const prefixes = new PrefixRoots(leaves.map((l) => leafHash(l)));
    for (let m = 0; m <= 64; m++) expect(prefixes.root(m)).toEqual(MTH(leaves.slice(0, m)));
    expect(() => prefixes.root(65)).toThrow(RangeError);
    expect(perfectSubtrees(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
  });
});

describe('verifyInclusion (RFC 9162 §2.1.3.2)', () => {
  it.each(goInclusion)('verifies the known proof of leaf $leaf in a tree of $size', ({ leaf, size, proof }) => {
    const index = leaf - 1;
    const hash = leafHash(goLeaves[index]);
    const path = proof.map(hex);
    const root = goRoots[size - 1];
    expect(PATH(index, goLeaves.slice(0, size))).toEqual(path);
    expect(verifyInclusion(index, size, hash, path, root)).toBe(true);

    // The corruptions of verify_test.go's corruptInclusionProof: none may verify.
    const probes: Array<[string, number, number, Buffer, Buffer[], Buffer]> = [
      ['index - 1', index - 1, size, hash, path, root],
      ['index + 1', index + 1, size, hash, path, root],
      ['index ^ 2', index ^ 2, size, hash, path, root],
      ['size * 2', index, size * 2, hash, path, root],
      ['size / 2', index, Math.floor(size / 2), hash, path, root],
      ['wrong leaf', index, size, leafHash(Buffer.from('WrongLeaf')), path, root],
      ['empty root', index, size, hash, path, emptyTreeHash],
      ['random root', index, size, hash, path, someHash],
      ['trailing garbage', index, size, hash, [...path, Buffer.alloc(0)], root],
      ['trailing root', index, size, hash, [...path, root], root],
      ['preceding garbage', index, size, hash, [Buffer.alloc(0), ...path], root],
      ['preceding root', index, size, hash, [root, ...path], root],
      ...path.map((_, i): [string, number, number, Buffer, Buffer[], Buffer] => [
        `flipped bit in path[${i}]`,
        index,
        size,
        hash,
        path.map((p, j) => (i === j ? flipBit(p) : p)),
        root,
      ]),
    ];
    if (path.length > 0) probes.push(['removed element', index, size, hash, path.slice(0, -1), root]);
    if (path.length > 1) probes.push(['inserted element', index, size, hash, [path[0], someHash, ...path.slice(1)], root]);
    for (const [what, i, n, h, p, r] of probes) expect([what, verifyInclusion(i, n, h, p, r)]).toEqual([what, false]);
  });

  it('refuses indexes outside the tree and hashes of the wrong length', () => {
    const hash = leafHash(Buffer.from('data'));
    expect(verifyInclusion(0, 1, hash, [], hash)).toBe(true);
    for (const [index, size] of [
      [0, 0],
      [1, 0],
      [1, 1],
      [2, 1],
      [-1, 1],
      [0.5, 1],
      [Number.NaN, 1],
    ]) {
      expect(verifyInclusion(index, size, hash, [], hash)).toBe(false);
    }
    expect(verifyInclusion(0, 1, Buffer.alloc(0), [], hash)).toBe(false);
    expect(verifyInclusion(0, 1, hash, [], Buffer.alloc(0))).toBe(false);
    expect(verifyInclusion(0, 1, hash.subarray(0, 31), [], hash.subarray(0, 31))).toBe(false);
  });
});

describe('verifyConsistency (RFC 9162 §2.1.4.2)', () => {
  it.each(goConsistency)('verifies the known proof from $size1 to $size2', ({ size1, size2, proof }) => {
    const path = proof.map(hex);
    const root1 = goRoots[size1 - 1];
    const root2 = goRoots[size2 - 1];
    if (size1 < size2) expect(PROOF(size1, goLeaves.slice(0, size2))).toEqual(path);
    expect(verifyConsistency(size1, size2, root1, root2, path)).toBe(true);
    if (path.length === 0) return;

    // The corruptions of verify_test.go's corruptConsistencyProof: none may verify.
    const probes: Array<[string, number, number, Buffer, Buffer, Buffer[]]> = [
      ['size1 - 1', size1 - 1, size2, root1, root2, path],
      ['size1 + 1', size1 + 1, size2, root1, root2, path],
      ['size1 ^ 2', size1 ^ 2, size2, root1, root2, path],
      ['size2 * 2', size1, size2 * 2, root1, root2, path],
      ['size2 / 2', size1, Math.floor(size2 / 2), root1, root2, path],
      ['wrong root1', size1, size2, someHash, root2, path],
      ['wrong root2', size1, size2, root1, someHash, path],
      ['swapped roots', size1, size2, root2, root1, path],
      ['empty proof', size1, size2, root1, root2, []],
      ['trailing garbage', size1, size2, root1, root2, [...path, Buffer.alloc(0)]],
      ['trailing root1', size1, size2, root1, root2, [...path, root1]],
      ['trailing root2', size1, size2, root1, root2, [...path, root2]],
      ['preceding garbage', size1, size2, root1, root2, [Buffer.alloc(0), ...path]],
      ['preceding root1', size1, size2, root1, root2, [root1, ...path]],
      ['preceding root2', size1, size2, root1, root2, [root2, ...path]],
      ['preceding path[0]', size1, size2, root1, root2, [path[0], ...path]],
      ['truncated proof', size1, size2, root1, root2, path.slice(0, -1)],
      ...path.map((_, i): [string, number, number, Buffer, Buffer, Buffer[]] => [
        `flipped bit in path[${i}]`,
        size1,
        size2,
        root1,
        root2,
        path.map((p, j) => (i === j ? flipBit(p, 0, 4) : p)),
      ]),
    ];
    for (const [what, m, n, r1, r2, p] of probes) expect([what, verifyConsistency(m, n, r1, r2, p)]).toEqual([what, false]);
  });

  it('decides the sizes outside the RFC algorithm: equal sizes, an empty first tree, a shrink', () => {
    const [a, b] = [goRoots[0], goRoots[1]];
    // Equal sizes: same root and an empty proof, nothing else.
    expect(verifyConsistency(1, 1, a, a, [])).toBe(true);
    expect(verifyConsistency(1, 1, a, b, [])).toBe(false);
    expect(verifyConsistency(1, 1, a, a, [emptyTreeHash])).toBe(false);
    expect(verifyConsistency(0, 0, emptyTreeHash, emptyTreeHash, [])).toBe(true);
    expect(verifyConsistency(0, 0, emptyTreeHash, emptyTreeHash, [emptyTreeHash])).toBe(false);
    expect(verifyConsistency(0, 0, emptyTreeHash, a, [])).toBe(false);
    // The empty tree is a prefix of every tree, if it really is the empty tree.
    expect(verifyConsistency(0, 1, emptyTreeHash, a, [])).toBe(true);
    expect(verifyConsistency(0, 1, someHash, a, [])).toBe(false);
    expect(verifyConsistency(0, 1, emptyTreeHash, a, [emptyTreeHash])).toBe(false);
    // A shrink is never consistent.
    expect(verifyConsistency(1, 0, a, emptyTreeHash, [])).toBe(false);
    expect(verifyConsistency(2, 1, b, a, [])).toBe(false);
    // A growing tree needs a proof.
    expect(verifyConsistency(1, 2, a, b, [])).toBe(false);
    // Hashes of the wrong length.
    expect(verifyConsistency(1, 1, Buffer.from('x'), Buffer.from('x'), [])).toBe(false);
  });

  it('verifies power-of-two first trees, whose own root the proof leaves out', () => {
    const leaves = Array.from({ length: 20 }, (_, i) => Buffer.from([i]));
    for (const m of [1, 2, 4, 8, 16]) {
      const proof = PROOF(m, leaves);
      expect(verifyConsistency(m, 20, MTH(leaves.slice(0, m)), MTH(leaves), proof)).toBe(true);
      // Sending the first root anyway makes the proof one element too long.
      expect(verifyConsistency(m, 20, MTH(leaves.slice(0, m)), MTH(leaves), [MTH(leaves.slice(0, m)), ...proof])).toBe(false);
    }
  });

  it('works above 2^32, where bitwise operators would truncate', () => {
    // A tree of 2^32 + 7 leaves splits into [0, 2^32) and [2^32, 2^32 + 7) = 4 + (2 + 1) leaves.
    // Stand-in hashes: only the index arithmetic is on trial.
    const [left, four, l4, l5, l6] = ['a', 'b', 'c', 'd', 'e'].map((c) => Buffer.alloc(32, c));
    const size = 2 ** 32 + 7;
    const root = nodeHash(left, nodeHash(four, nodeHash(nodeHash(l4, l5), l6)));
    const path = [l5, l6, four, left];
    expect(verifyInclusion(2 ** 32 + 4, size, l4, path, root)).toBe(true);
    expect(verifyInclusion(2 ** 32 + 5, size, l4, path, root)).toBe(false);
    expect(verifyInclusion(4, size, l4, path, root)).toBe(false);
    // From the first 2^32 leaves (a power of two, so the proof leaves its root out) …
    const three = nodeHash(nodeHash(l4, l5), l6);
    const right = nodeHash(four, three);
    expect(verifyConsistency(2 ** 32, size, left, root, [right])).toBe(true);
    expect(verifyConsistency(2 ** 32 - 1, size, left, root, [right])).toBe(false);
    // … and from the first 2^32 + 4.
    expect(verifyConsistency(2 ** 32 + 4, size, nodeHash(left, four), root, [four, three, left])).toBe(true);
    // (Stand-in hashes say nothing of the size, so only sizes of another shape can be wrong here.)
    expect(verifyConsistency(2 ** 32 + 2, size, nodeHash(left, four), root, [four, three, left])).toBe(false);
    expect(verifyConsistency(2 ** 32 + 4, 2 ** 33 + 7, nodeHash(left, four), root, [four, three, left])).toBe(false);
  });
});
