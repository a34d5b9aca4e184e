import { Injectable } from '@nestjs/common';
import { EventStore } from './event-store.service';

/** Reads that pass ?minPosition=N wait, at most this long, for the read models to reach N. */
const MAX_WAIT_MS = 5000;

@Injectable()
export class ReadConsistency {
  constructor(private readonly store: EventStore) {}

  async waitFor(minPosition: number | undefined): Promise<void> {
    if (minPosition === undefined || minPosition <= 0) return;
    await this.store.waitForPosition(minPosition, MAX_WAIT_MS);
  }
}
