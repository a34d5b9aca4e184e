import { Injectable } from '@nestjs/common';
import { RequestValidationError } from '../common/http/validation';
import { LogHead } from './live/log-head';

/** Reads that pass ?minPosition=N wait, at most this long, for the read models to reach N. */
const MAX_WAIT_MS = 5000;
/**
 * A position beyond the head may be a commit through another instance whose notification is on
 * its way; past this grace it is one no event has.
 */
const UNKNOWN_POSITION_GRACE_MS = 1000;

/**
 * `?minPosition=N`: read models are written in the append transaction and appends commit in
 * position order, so once the log's head reaches N every read model reflects N. Waiting is on
 * the instance's one LogHead, never a query per reader.
 */
@Injectable()
export class ReadConsistency {
  constructor(private readonly head: LogHead) {}

  async waitFor(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined || minPosition <= 0) return;
    const known = (await this.head.current()) >= minPosition;
    if (await this.head.waitFor(minPosition, known ? MAX_WAIT_MS : UNKNOWN_POSITION_GRACE_MS)) return;
    throw new RequestValidationError([
      { field: 'minPosition', message: `no event has position ${minPosition} yet (the log's head is ${await this.head.current()})` },
    ]);
  }
}
