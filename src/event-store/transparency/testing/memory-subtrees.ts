import { appendLeaves, NodeId, nodeKey, SubtreeHashes } from '../subtrees';

/** The subtree table in memory: insert-only, as the database's will be, counting lookups. */
export class MemorySubtrees {
  private readonly table = new Map<string, Buffer>();
  private frontier: Buffer[] = [];
  size = 0;
  /** Sizes of the batches asked of `hashes`, one entry per lookup. */
  readonly lookups: number[] = [];

  append(leafHashes: readonly Buffer[]): void {
    const next = appendLeaves(this.frontier, this.size, leafHashes);
    for (const { level, index, hash } of next.nodes) {
      const key = nodeKey({ level, index });
      if (this.table.has(key)) throw new Error(`Subtree (${level}, ${index}) written twice`);
      this.table.set(key, hash);
    }
    this.frontier = next.frontier;
    this.size = next.size;
  }

  get currentFrontier(): Buffer[] {
    return this.frontier;
  }

  get storedNodes(): number {
    return this.table.size;
  }

  readonly hashes: SubtreeHashes = async (nodes: readonly NodeId[]) => {
    this.lookups.push(nodes.length);
    return nodes.map((node) => {
      const hash = this.table.get(nodeKey(node));
      if (!hash) throw new Error(`No subtree (${node.level}, ${node.index}) is stored`);
      return hash;
    });
  };
}
