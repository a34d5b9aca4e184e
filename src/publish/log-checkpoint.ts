import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isDatabaseUnavailable, ServiceUnavailableError } from '../common/errors/unavailable';
import { APPEND_LOCK_KEY } from '../event-store/append-lock';
import { CheckpointService, SignedCheckpoint } from '../event-store/transparency/checkpoints';

/** How long a publication waits for an append in progress to commit. */
const LOCK_WAIT_MS = 5000;

/**
 * The signed checkpoint of the log as committed now — taken under the append lock, so that an
 * append that was committing when the caller read its clock is in it. Called after the caller
 * fixed `asOf`, it returns a tree that holds every event recorded up to `asOf` (and perhaps a few
 * recorded just after, which as-of answers leave out by their recordedAt). One window stays
 * open: an append whose clock was read before `asOf` but which had not yet asked for the lock;
 * that takes well under a millisecond within an instance.
 */
@Injectable()
export class LogCheckpoint {
  constructor(
    private readonly dataSource: DataSource,
    private readonly checkpoints: CheckpointService,
  ) {}

  /** The checkpoint, and the log's head position it covers (what a read replica must have replayed). */
  async coveringNow(): Promise<{ checkpoint: SignedCheckpoint; position: number }> {
    let size: number;
    let position: number;
    try {
      [size, position] = await this.dataSource.transaction(async (manager) => {
        await manager.query(`SET LOCAL lock_timeout = ${LOCK_WAIT_MS}`);
        await manager.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK_KEY]);
        const [row] = await manager.query(
          `SELECT (SELECT coalesce(max(index) + 1, 0) FROM merkle_nodes WHERE level = 0) AS size,
                  (SELECT coalesce(max(position), 0) FROM events) AS position`,
        );
        return [Number(row.size), Number(row.position)];
      });
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        throw new ServiceUnavailableError('CHECKPOINT.UNAVAILABLE', 'The log could not be checkpointed right now; nothing was published. Try again shortly.');
      }
      throw error;
    }
    return { checkpoint: await this.checkpoints.at(size), position };
  }
}
