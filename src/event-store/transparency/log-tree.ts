import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProofBuilder } from './proof-builder';
import { NodeId, nodeKey, SubtreeHashes } from './subtrees';

/**
 * The log's Merkle tree as stored in `merkle_nodes` (ADR 0004): its size, any stored perfect
 * subtree, and the roots and proofs folded from them. The append path writes the nodes in the
 * same transaction as their events, so a tree size read here always has all its nodes.
 */
@Injectable()
export class LogTree {
  readonly proofs: ProofBuilder;

  constructor(private readonly dataSource: DataSource) {
    this.proofs = new ProofBuilder(this.hashes);
  }

  /** Leaves committed to the tree: the size of the current checkpoint (one index probe). */
  async size(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT coalesce(max(index) + 1, 0) AS size FROM merkle_nodes WHERE level = 0');
    return Number(row.size);
  }

  /** The size of the tree of the events up to `position` (log indexes follow positions). */
  async sizeAtPosition(position: number): Promise<number> {
    const rows = await this.dataSource.query('SELECT log_index FROM events WHERE position <= $1 ORDER BY position DESC LIMIT 1', [position]);
    return rows.length ? Number(rows[0].log_index) + 1 : 0;
  }

  /** Stored subtree hashes in the order asked, undefined where none is stored; one query. */
  readonly hashes: SubtreeHashes = async (nodes: readonly NodeId[]) => {
    if (!nodes.length) return [];
    const rows: { level: number; index: string; hash: Buffer }[] = await this.dataSource.query(
      `SELECT n.level, n.index, n.hash FROM merkle_nodes n
         JOIN unnest($1::smallint[], $2::bigint[]) AS wanted(level, index) ON n.level = wanted.level AND n.index = wanted.index`,
      [nodes.map((n) => n.level), nodes.map((n) => n.index)],
    );
    const found = new Map(rows.map((r) => [nodeKey({ level: r.level, index: Number(r.index) }), r.hash]));
    return nodes.map((n) => found.get(nodeKey(n))!);
  };

  /** The leaf hash at `logIndex` as the tree committed to it: SHA-256(0x00 ‖ the event's hash). */
  async leafHash(logIndex: number): Promise<Buffer | undefined> {
    const [hash] = await this.hashes([{ level: 0, index: logIndex }]);
    return hash;
  }
}
