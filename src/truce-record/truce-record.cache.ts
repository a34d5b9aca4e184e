import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { InjectReadDataSource } from '../database/read-database';
import { AppConfig } from '../config/app-config';
import { EventStore } from '../event-store/event-store.service';
import { RecordedEvent } from '../event-store/event-store.types';
import { evolveIncident, INCIDENT_STREAM_PREFIX, IncidentState } from '../incidents/domain/incident';
import { ObservationState } from '../observations/domain/observation';
import { evolveTruce, TRUCE_STREAM_PREFIX, TruceState } from '../truces/domain/truce';
import { CachedObservations } from './cached-observations';
import { IncidentFactsWalk } from './domain/incident-facts';
import { IncidentsByRecordedAt } from './incidents-by-recorded-at';

export interface CachedRecord {
  truce: TruceState;
  /** The incidents in report order (a copy, taken only when needed). */
  incidents(): IncidentState[];
  /** What a status answer reads (their facts) of the incidents as they stood at record time K: incidentAsOf of each, those recorded by K. */
  incidentFactsAsOf(k: string): IncidentFactsWalk;
  /** The observations in record order (a copy, taken only when needed). */
  observations(): ObservationState[];
  /** Changes whenever the truce or one of its incidents does. */
  generation: number;
}

interface Entry {
  truce: TruceState;
  incidents: Map<string, IncidentState>;
  observations: Map<string, ObservationState>;
  /** The incidents by recorded-at, built on the first as-of question and kept up to date from then on. */
  byRecordedAt: IncidentsByRecordedAt | null;
  /** Bumped on every change, so derived answers can be memoised against it. */
  generation: number;
}

const BATCH = 5000;

/**
 * Each instance keeps the records of the truces it was asked about in memory — the same folds
 * the read models hold — and brings them up to the log's head before every answer, by applying
 * the events committed since (appends commit in position order, so "after the last position
 * applied" misses nothing). Status and time-travel questions are then answered without reading
 * a truce's incidents from the database each time. A truce loads from the read models on first
 * use; events already folded in (version ≤ the state's) are skipped, so a load and a catch-up
 * may overlap safely. Bounded by a total number of incidents, least recently used first out.
 */
@Injectable()
export class TruceRecordCache {
  private readonly logger = new Logger(TruceRecordCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly incidentTruce = new Map<string, string>();
  private applied = -1;
  private cachedIncidents = 0;
  /** Observations count against the same capacity as incidents. */
  private readonly observations = new CachedObservations();
  private readonly wanted = new Set<string>();
  private queued: Promise<void> | null = null;
  private running: Promise<void> = Promise.resolve();
  private readonly capacity: number;

  constructor(
    /** The read side (the replica, if any): the cache tails what it can see, never ahead of it. */
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly store: EventStore,
    config: AppConfig,
  ) {
    this.capacity = config.TRUCE_CACHE_INCIDENTS;
  }

  /** The last log position folded in; null until the first read (the cache starts at the head). */
  get appliedPosition(): number | null {
    return this.applied < 0 ? null : this.applied;
  }

  /** The truce's record as of the log's head when asked, with a generation for memoising. */
  async record(truceId: string): Promise<CachedRecord | null> {
    this.wanted.add(truceId);
    await this.sync();
    const entry = this.entries.get(truceId);
    if (!entry) return null;
    // Map order is the LRU order: most recently used last.
    this.entries.delete(truceId);
    this.entries.set(truceId, entry);
    const { incidents, observations } = entry;
    return {
      truce: entry.truce,
      incidents: () => [...incidents.values()],
      incidentFactsAsOf: (k) => this.byRecordedAt(entry).factsAsOf(k),
      observations: () => [...observations.values()],
      generation: entry.generation,
    };
  }

  /** Built on a truce's first as-of question (most truces never get one), kept up to date from then on. */
  private byRecordedAt(entry: Entry): IncidentsByRecordedAt {
    return (entry.byRecordedAt ??= new IncidentsByRecordedAt(entry.incidents.values()));
  }

  /**
   * Resolves after a round that started after this call: one that read the head, applied every
   * event up to it and loaded the truces asked for. Concurrent callers share rounds, so a burst
   * of reads costs one head query, not one each.
   */
  private sync(): Promise<void> {
    if (this.queued) return this.queued;
    const queued = this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        this.running = this.round();
        return this.running;
      });
    this.queued = queued;
    return queued;
  }

  private async round(): Promise<void> {
    const head = await this.store.readHeadPosition();
    if (this.applied < 0) this.applied = head;
    await this.catchUp(head);
    const wanted = new Set(this.wanted);
    this.wanted.clear();
    this.evictBeyondCapacity(wanted);
    for (const truceId of wanted) {
      if (!this.entries.has(truceId) && (await this.load(truceId))) await this.catchUp(await this.store.readHeadPosition());
    }
  }

  private async catchUp(head: number): Promise<void> {
    while (this.applied < head) {
      const events = await this.store.readAll({ after: this.applied, limit: BATCH });
      if (!events.length) break;
      for (const event of events) this.apply(this.store.upcast(event));
      this.applied = events[events.length - 1].position;
    }
  }

  private apply(event: RecordedEvent): void {
    if (event.streamId.startsWith(TRUCE_STREAM_PREFIX)) {
      const entry = this.entries.get(event.streamId.slice(TRUCE_STREAM_PREFIX.length));
      if (!entry || event.streamVersion <= entry.truce.version) return;
      entry.truce = evolveTruce(entry.truce, event as never) ?? entry.truce;
      entry.generation += 1;
      return;
    }
    if (this.observations.apply(event, (truceId) => this.entries.get(truceId))) return;
    if (!event.streamId.startsWith(INCIDENT_STREAM_PREFIX)) return;
    const incidentId = event.streamId.slice(INCIDENT_STREAM_PREFIX.length);
    const truceId = event.type === 'BreachReported' ? (event.data.truceId as string) : this.incidentTruce.get(incidentId);
    const entry = truceId === undefined ? undefined : this.entries.get(truceId);
    if (!entry) return;
    const current = entry.incidents.get(incidentId) ?? null;
    if (current && event.streamVersion <= current.version) return;
    const next = evolveIncident(current, event as never);
    if (!next) return;
    if (!current) {
      this.incidentTruce.set(incidentId, truceId!);
      this.cachedIncidents += 1;
    }
    entry.incidents.set(incidentId, next);
    entry.byRecordedAt?.put(next);
    entry.generation += 1;
  }

  /** From the read models, a batch at a time. */
  private async load(truceId: string): Promise<Entry | null> {
    const rows: { state: TruceState }[] = await this.dataSource.query('SELECT state FROM truce_view WHERE truce_id = $1', [truceId]);
    if (!rows.length) return null;
    const entry: Entry = { truce: rows[0].state, incidents: new Map(), observations: new Map(), byRecordedAt: null, generation: 0 };
    this.entries.set(truceId, entry);
    for (let after = 0; ;) {
      const batch: { position: string; state: IncidentState }[] = await this.dataSource.query(
        'SELECT position, state FROM incident_view WHERE truce_id = $1 AND position > $2 ORDER BY position LIMIT $3',
        [truceId, after, BATCH],
      );
      for (const { state } of batch) {
        entry.incidents.set(state.incidentId, state);
        this.incidentTruce.set(state.incidentId, truceId);
      }
      this.cachedIncidents += batch.length;
      if (batch.length < BATCH) break;
      after = Number(batch[batch.length - 1].position);
    }
    await this.observations.load(this.dataSource, truceId, entry, BATCH);
    return entry;
  }

  /** Least recently used first; never a truce asked for in this round. */
  private evictBeyondCapacity(keep: Set<string>): void {
    for (const [truceId, entry] of this.entries) {
      if (this.cachedIncidents + this.observations.size <= this.capacity) return;
      if (keep.has(truceId)) continue;
      this.entries.delete(truceId);
      for (const incidentId of entry.incidents.keys()) this.incidentTruce.delete(incidentId);
      this.cachedIncidents -= entry.incidents.size;
      this.observations.forget(entry);
      this.logger.debug(`evicted truce ${truceId} (${entry.incidents.size} incidents)`);
    }
  }
}
