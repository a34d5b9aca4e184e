import { Injectable } from '@nestjs/common';
import { EventStore } from '../../event-store/event-store.service';
import { RecordedEvent } from '../../event-store/event-store.types';
import { evolveTruce, requireTruce, TruceState } from '../domain/truce';
import { TruceEvent, truceStreamId } from '../domain/truce.events';

export function foldTruce(events: RecordedEvent[]): TruceState | null {
  return events.reduce<TruceState | null>((state, e) => evolveTruce(state, e as unknown as Parameters<typeof evolveTruce>[1]), null);
}

/** Reads a truce's stream and folds it: the state commands decide on. */
@Injectable()
export class TruceLoader {
  constructor(private readonly store: EventStore) {}

  async load(truceId: string): Promise<TruceState> {
    return requireTruce(foldTruce(await this.store.readStream(truceStreamId(truceId))), truceId);
  }
}

export type { TruceEvent };
