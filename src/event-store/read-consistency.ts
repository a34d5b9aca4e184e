import { Injectable } from '@nestjs/common';
import { ServiceUnavailableError } from '../common/errors/unavailable';
import { RequestValidationError } from '../common/http/validation';
import { LogHead } from './live/log-head';
import { ReadHead } from './live/read-head';

/** Reads that pass ?minPosition=N wait, at most this long, for the read models to reach N. */
const MAX_WAIT_MS = 5000;
/**
 * A position beyond the head may be a commit through another instance whose notification is on
 * its way; past this grace it is one no event has.
 */
const UNKNOWN_POSITION_GRACE_MS = 1000;

/**
 * `?minPosition=N`: read models are written in the append transaction and appends commit in
 * position order, so once the log's head reaches N every read model on the primary reflects N.
 * With a read replica, the read then also waits — within the same 5 s — for the replica to have
 * replayed N, so a client reads its own writes; a replica still behind is a 503 (Retry-After),
 * never an answer older than asked for. Waiting is on the instance's one LogHead and ReadHead,
 * never a query per reader.
 */
@Injectable()
export class ReadConsistency {
  constructor(
    private readonly head: LogHead,
    private readonly reads: ReadHead,
  ) {}

  /** For reads served by the read side (the replica, when there is one). */
  async waitFor(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined || minPosition <= 0) return;
    const deadline = Date.now() + MAX_WAIT_MS;
    await this.waitForPrimary(minPosition);
    if (await this.reads.waitFor(minPosition, deadline - Date.now())) return;
    throw new ServiceUnavailableError(
      'READ.REPLICA_BEHIND',
      `The read replica has not yet replayed position ${minPosition} (it has ${await this.reads.current()}); try again shortly.`,
      1,
    );
  }

  /** For reads served by the primary itself (integrity, checkpoints). */
  async waitForPrimary(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined || minPosition <= 0) return;
    const known = (await this.head.current()) >= minPosition;
    if (await this.head.waitFor(minPosition, known ? MAX_WAIT_MS : UNKNOWN_POSITION_GRACE_MS)) return;
    throw new RequestValidationError([
      { field: 'minPosition', message: `no event has position ${minPosition} yet (the log's head is ${await this.head.current()})` },
    ]);
  }
}
