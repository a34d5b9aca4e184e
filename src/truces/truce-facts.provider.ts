import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Recorded } from '../common/domain/domain-event';
import { EventStore } from '../event-store/event-store.service';
import { StreamVersion } from '../event-store/event-store.types';
import { endInstant, foldTruce, requireTruce, TruceEvent, TruceState, truceStreamId } from './domain/truce';
import { TruceFacts } from './domain/truce-facts';

/** Truces remembered for decisions on other streams; small facts, so many fit. */
const REMEMBERED = 10_000;

const factsOf = (state: TruceState): TruceFacts => ({
  truceId: state.truceId,
  parties: state.parties,
  effectiveAt: state.effectiveAt,
  endAt: endInstant(state),
  version: state.version,
});

/**
 * What other slices may know of a truce (TruceFacts), and nothing more: from its stream for the
 * decisions they take on it, from its read model for their queries.
 */
@Injectable()
export class TruceFactsProvider {
  private readonly recent = new Map<string, TruceFacts>();

  constructor(
    private readonly store: EventStore,
    private readonly dataSource: DataSource,
  ) {}

  /** The truce as its stream now stands (TRUCE.NOT_FOUND when none is recorded). */
  async load(truceId: string): Promise<TruceFacts> {
    const stream = (await this.store.readStream(truceStreamId(truceId))) as Recorded<TruceEvent>[];
    const facts = factsOf(requireTruce(foldTruce(stream), truceId));
    this.remember(facts);
    return facts;
  }

  /**
   * The truce as this instance last read it, without a query. Only for decisions that pass its
   * version on as an append precondition (unchangedSince), so a truce that has moved on is caught
   * at commit and the decision retaken on a fresh load().
   */
  async loadRecent(truceId: string): Promise<TruceFacts> {
    return this.recent.get(truceId) ?? this.load(truceId);
  }

  /** The truce as its read model holds it (for queries); null when none is recorded. */
  async find(truceId: string): Promise<TruceFacts | null> {
    const rows: { state: TruceState }[] = await this.dataSource.query('SELECT state FROM truce_view WHERE truce_id = $1', [truceId]);
    return rows.length ? factsOf(rows[0].state) : null;
  }

  private remember(facts: TruceFacts): void {
    this.recent.delete(facts.truceId);
    this.recent.set(facts.truceId, facts);
    if (this.recent.size > REMEMBERED) this.recent.delete(this.recent.keys().next().value!);
  }
}

/** The append precondition of a decision taken on these facts: the truce has not moved on since. */
export const unchangedSince = (truce: TruceFacts): StreamVersion => ({ streamId: truceStreamId(truce.truceId), version: truce.version });
