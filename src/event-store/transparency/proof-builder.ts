import { emptyRootHash, foldSubtrees, HASH_SIZE, NodeId, perfectSubtrees, splitPoint } from '../../verifier/merkle';
import { nodeKey, SubtreeHashes } from './subtrees';

/**
 * Roots and proofs of RFC 9162 §2.1 for any tree size, from stored perfect subtrees only.
 *
 * A proof element of the RFC is MTH of some range of leaves; every such range is either a
 * perfect subtree or a right edge that splits into a few (perfectSubtrees). A plan lists, per
 * element, the perfect subtrees to fold; all of a proof's nodes are fetched in one lookup.
 * Both recursions (PATH and SUBPROOF) walk from the root down, so the elements are collected
 * top-down and reversed: the RFC lists the deepest first.
 */

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`Invalid ${what} ${n}`);
}

/** PATH(index, D[0:size]) of RFC 9162 §2.1.3.1, as the perfect subtrees of each element. */
export function inclusionPlan(index: number, size: number): NodeId[][] {
  checkSize(index, 'leaf index');
  checkSize(size, 'tree size');
  if (index >= size) throw new RangeError(`Leaf ${index} is not in a tree of ${size} leaves`);
  const topDown: NodeId[][] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      topDown.push(perfectSubtrees(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(perfectSubtrees(lo, lo + k));
      lo += k;
    }
  }
  return topDown.reverse();
}

/**
 * PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true) of RFC 9162 §2.1.4.1, for 0 < m < n; empty for
 * m = n and for m = 0 (nothing to prove: the verifier accepts those with an empty proof).
 */
export function consistencyPlan(m: number, n: number): NodeId[][] {
  checkSize(m, 'first tree size');
  checkSize(n, 'second tree size');
  if (m > n) throw new RangeError(`A tree of ${m} leaves cannot be a prefix of one of ${n}`);
  if (m === 0 || m === n) return [];
  const topDown: NodeId[][] = [];
  let lo = 0;
  let hi = n;
  let sub = m;
  let isWholeFirstTree = true;
  for (;;) {
    if (sub === hi - lo) {
      // The verifier already holds the first tree's root; any other complete range is sent.
      if (!isWholeFirstTree) topDown.push(perfectSubtrees(lo, hi));
      break;
    }
    const k = splitPoint(hi - lo);
    if (sub <= k) {
      topDown.push(perfectSubtrees(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(perfectSubtrees(lo, lo + k));
      sub -= k;
      lo += k;
      isWholeFirstTree = false;
    }
  }
  return topDown.reverse();
}

export class ProofBuilder {
  constructor(private readonly hashes: SubtreeHashes) {}

  async rootHash(size: number): Promise<Buffer> {
    checkSize(size, 'tree size');
    if (size === 0) return emptyRootHash();
    const [root] = await this.resolve([perfectSubtrees(0, size)]);
    return root;
  }

  inclusionProof(index: number, size: number): Promise<Buffer[]> {
    return this.resolve(inclusionPlan(index, size));
  }

  consistencyProof(m: number, n: number): Promise<Buffer[]> {
    return this.resolve(consistencyPlan(m, n));
  }

  private async resolve(plan: NodeId[][]): Promise<Buffer[]> {
    if (plan.length === 0) return [];
    const unique = new Map<string, NodeId>();
    for (const node of plan.flat()) unique.set(nodeKey(node), node);
    const wanted = [...unique.values()];
    const found = await this.hashes(wanted);
    if (found.length !== wanted.length) throw new Error(`Asked for ${wanted.length} subtree hashes, got ${found.length}`);
    const byKey = new Map<string, Buffer>();
    wanted.forEach((node, i) => {
      if (!(found[i] instanceof Uint8Array) || found[i].length !== HASH_SIZE)
        throw new Error(`Subtree (${node.level}, ${node.index}) is missing or not a ${HASH_SIZE}-byte hash`);
      byKey.set(nodeKey(node), found[i]);
    });
    return plan.map((element) => foldSubtrees(element.map((node) => byKey.get(nodeKey(node))!)));
  }
}
