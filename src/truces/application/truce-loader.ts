import { Injectable } from '@nestjs/common';
import { EventStore } from '../../event-store/event-store.service';
import { RecordedEvent } from '../../event-store/event-store.types';
import { evolveTruce, requireTruce, TruceState } from '../domain/truce';
import { truceStreamId } from '../domain/truce.events';

export function foldTruce(events: RecordedEvent[]): TruceState | null {
  return events.reduce<TruceState | null>((state, e) => evolveTruce(state, e as unknown as Parameters<typeof evolveTruce>[1]), null);
}

/** Truces remembered for decisions on other streams; small states, so many fit. */
const REMEMBERED = 10_000;

/** Reads a truce's stream and folds it: the state commands decide on. */
@Injectable()
export class TruceLoader {
  private readonly recent = new Map<string, TruceState>();

  constructor(private readonly store: EventStore) {}

  async load(truceId: string): Promise<TruceState> {
    const state = requireTruce(foldTruce(await this.store.readStream(truceStreamId(truceId))), truceId);
    this.remember(state);
    return state;
  }

  /**
   * The truce as this instance last read it, without a query. Only for decisions that pass its
   * version on as an append precondition, so a truce that has moved on is caught at commit and
   * the decision retaken on a fresh load().
   */
  async loadRecent(truceId: string): Promise<TruceState> {
    return this.recent.get(truceId) ?? this.load(truceId);
  }

  private remember(state: TruceState): void {
    this.recent.delete(state.truceId);
    this.recent.set(state.truceId, state);
    if (this.recent.size > REMEMBERED) this.recent.delete(this.recent.keys().next().value!);
  }
}
