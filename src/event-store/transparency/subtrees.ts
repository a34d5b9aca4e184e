import { foldSubtrees, HASH_SIZE, nodeHash, NodeId, perfectSubtrees } from '../../verifier/merkle';

/**
 * The log keeps only perfect subtree hashes — node (level, index) covers leaves
 * [index·2^level, (index+1)·2^level), level 0 being the leaf hashes — because a perfect subtree
 * never changes once its last leaf is in: rows are inserted, never updated, and any tree size's
 * root and proofs are folds of O(log n) of them.
 */
export type { NodeId } from '../../verifier/merkle';

export interface SubtreeNode extends NodeId {
  hash: Buffer;
}

/** Batched lookup of stored subtree hashes, in the order asked: one query per proof. */
export type SubtreeHashes = (nodes: readonly NodeId[]) => Promise<Buffer[]>;

export function nodeKey({ level, index }: NodeId): string {
  return `${level}:${index}`;
}

function bitCount(n: number): number {
  let count = 0;
  for (; n > 0; n = Math.floor(n / 2)) count += n % 2;
  return count;
}

/**
 * The right edge of a tree of `size` leaves: its perfect subtrees, left to right (one per set
 * bit of size, so at most 53 for a JavaScript number). Their hashes are the frontier.
 */
export function frontierNodes(size: number): NodeId[] {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`Invalid tree size ${size}`);
  return perfectSubtrees(0, size);
}

/** MTH of the tree whose frontier this is (the empty tree's hash for an empty frontier). */
export function rootFromFrontier(frontier: readonly Uint8Array[]): Buffer {
  return foldSubtrees(frontier);
}

/**
 * Appends leaf hashes (leafHash of each event's 32-byte hash, in logIndex order) to a tree of
 * `size` leaves with the given frontier. Returns every perfect subtree the new leaves complete —
 * the new leaves themselves at level 0 and each node whose last leaf is among them — and the
 * new frontier, so an append batch knows all it will insert before it touches the database.
 */
export function appendLeaves(
  frontier: readonly Uint8Array[],
  size: number,
  newLeafHashes: readonly Uint8Array[],
): { nodes: SubtreeNode[]; frontier: Buffer[]; size: number } {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`Invalid tree size ${size}`);
  if (frontier.length !== bitCount(size)) throw new RangeError(`A tree of ${size} leaves has a frontier of ${bitCount(size)} hashes, not ${frontier.length}`);
  if (size + newLeafHashes.length > Number.MAX_SAFE_INTEGER) throw new RangeError('The tree would outgrow 2^53 − 1 leaves');
  const stack: Buffer[] = frontier.map((hash) => Buffer.from(hash));
  const nodes: SubtreeNode[] = [];
  let n = size;
  for (const leaf of newLeafHashes) {
    if (leaf.length !== HASH_SIZE) throw new RangeError(`A leaf hash is ${HASH_SIZE} bytes, not ${leaf.length}`);
    let hash: Buffer = Buffer.from(leaf);
    let level = 0;
    let index = n;
    nodes.push({ level, index, hash });
    // Each trailing 1 bit of n is a subtree of that level waiting, on the stack, for a right sibling.
    for (let waiting = n; waiting % 2 === 1; waiting = Math.floor(waiting / 2)) {
      hash = nodeHash(stack.pop()!, hash);
      level++;
      index = Math.floor(index / 2);
      nodes.push({ level, index, hash });
    }
    stack.push(hash);
    n++;
  }
  return { nodes, frontier: stack, size: n };
}
