import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource, In, LessThan } from 'typeorm';
import { InjectReadDataSource } from '../database/read-database';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain/domain-error';
import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { EventStore } from '../event-store/event-store.service';
import { RecordedEvent } from '../event-store/event-store.types';
import { IncidentState, incidentStreamId } from '../incidents/domain/incident';
import { IncidentView } from '../incidents/incident-view.entity';
import { observationStreamId, ObservationState } from '../observations/domain/observation';
import { observationAsOf } from '../observations/domain/observation-as-of';
import { ObservationView } from '../observations/observation-view.entity';
import { truceStreamId } from '../truces/domain/truce';
import { TruceView } from '../truces/truce-view.entity';
import { truceAsOf } from './domain/record-as-of';
import { observationHorizon } from './domain/observation-counts';
import { statusHorizon } from './domain/truce-status';
import { truceSummary, TruceSummary } from './domain/truce-summary';
import { TruceRecordCache } from './truce-record.cache';

export interface TrucePage {
  items: TruceSummary[];
  nextCursor: string | null;
}

export interface TruceHistory {
  truceId: string;
  items: RecordedEvent[];
  /** The position to pass as `after` for the next page (the last one here, or `after` when empty). */
  nextAfter: number;
}

/** The status of a truce at valid time `at`, as the log knew it at record time `asOf`. */
export class GetTruceStatusQuery extends Query<TruceSummary> {
  constructor(
    readonly truceId: string,
    readonly at?: string,
    readonly asOf?: string,
  ) {
    super();
  }
}

/** Truces newest first; `cursor` is the opaque nextCursor of the previous page. */
export class ListTrucesQuery extends Query<TrucePage> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}

/** Every event of the truce, its incidents and observations, in global order: the timeline, a page at a time. */
export class GetTruceHistoryQuery extends Query<TruceHistory> {
  constructor(
    readonly truceId: string,
    readonly after: number,
    readonly limit: number,
  ) {
    super();
  }
}

/** Settled answers kept, most recently computed last (one per truce). */
const SETTLED_KEPT = 5_000;

@QueryHandler(GetTruceStatusQuery)
export class GetTruceStatusHandler implements IQueryHandler<GetTruceStatusQuery> {
  /** The summary after every instant in the record, per truce generation: it changes only with new events. */
  private readonly settled = new Map<string, { generation: number; horizon: number; summary: TruceSummary }>();

  constructor(
    private readonly records: TruceRecordCache,
    private readonly clock: Clock,
  ) {}

  async execute({ truceId, at, asOf }: GetTruceStatusQuery): Promise<TruceSummary> {
    const now = this.clock.now().toISOString();
    const record = await this.records.record(truceId);
    const truce = record && (asOf === undefined ? record.truce : truceAsOf(record.truce, asOf));
    if (!record || !truce) {
      throw DomainError.notFound(
        'TRUCE.NOT_FOUND',
        asOf === undefined ? `No truce ${truceId} is recorded.` : `No truce ${truceId} was recorded as of ${asOf}.`,
      );
    }
    const t = at ?? now;
    if (asOf === undefined) {
      const memo = this.settled.get(truceId);
      if (memo && memo.generation === record.generation && Date.parse(t) >= memo.horizon) return { ...memo.summary, at: t, asOf: now };
    }
    // Now: every incident (kept for the horizon below). As of K: the facts of just those recorded by
    // K, from the cache's recorded-at index (a status does not depend on the incidents' order).
    const current = asOf === undefined ? record.incidents() : null;
    const observations =
      asOf === undefined
        ? record.observations()
        : record
            .observations()
            .map((o) => observationAsOf(o, asOf))
            .filter((o): o is ObservationState => o !== null);
    const summary = truceSummary(truce, current ?? record.incidentFactsAsOf(asOf!), t, asOf ?? now, observations);
    if (current) {
      const horizon = Math.max(statusHorizon(truce, current), observationHorizon(observations));
      if (Date.parse(t) >= horizon) {
        this.settled.delete(truceId);
        this.settled.set(truceId, { generation: record.generation, horizon, summary });
        if (this.settled.size > SETTLED_KEPT) this.settled.delete(this.settled.keys().next().value!);
      }
    }
    return summary;
  }
}

@QueryHandler(ListTrucesQuery)
export class ListTrucesHandler implements IQueryHandler<ListTrucesQuery> {
  constructor(
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async execute({ limit, cursor }: ListTrucesQuery): Promise<TrucePage> {
    const before = cursor === undefined ? undefined : decodeCursor(cursor);
    const rows = await this.dataSource.getRepository(TruceView).find({
      where: before === undefined ? {} : { position: LessThan(before) },
      order: { position: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    const incidents = await this.incidentsOf(page.map((r) => r.truceId));
    const observations = await this.observationsOf(page.map((r) => r.truceId));
    const now = this.clock.now().toISOString();
    return {
      items: page.map((r) => truceSummary(r.state, incidents.get(r.truceId) ?? [], now, now, observations.get(r.truceId) ?? [])),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null,
    };
  }

  /** The incidents of the truces on the page, from the read models, in one query. */
  private async incidentsOf(truceIds: string[]): Promise<Map<string, IncidentState[]>> {
    const byTruce = new Map<string, IncidentState[]>(truceIds.map((id) => [id, []]));
    if (!truceIds.length) return byTruce;
    const rows = await this.dataSource.getRepository(IncidentView).find({ where: { truceId: In(truceIds) }, order: { position: 'ASC' } });
    for (const row of rows) byTruce.get(row.truceId)?.push(row.state);
    return byTruce;
  }

  /** The observations of the truces on the page, from the read models, in one query. */
  private async observationsOf(truceIds: string[]): Promise<Map<string, ObservationState[]>> {
    const byTruce = new Map<string, ObservationState[]>(truceIds.map((id) => [id, []]));
    if (!truceIds.length) return byTruce;
    const rows = await this.dataSource.getRepository(ObservationView).find({ where: { truceId: In(truceIds) }, order: { position: 'ASC' } });
    for (const row of rows) byTruce.get(row.truceId)?.push(row.state);
    return byTruce;
  }
}

@QueryHandler(GetTruceHistoryQuery)
export class GetTruceHistoryHandler implements IQueryHandler<GetTruceHistoryQuery> {
  constructor(
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async execute({ truceId, after, limit }: GetTruceHistoryQuery): Promise<TruceHistory> {
    if (!(await this.dataSource.getRepository(TruceView).exists({ where: { truceId } }))) {
      throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
    }
    const incidents = await this.dataSource.getRepository(IncidentView).find({ select: { incidentId: true }, where: { truceId } });
    const observations = await this.dataSource.getRepository(ObservationView).find({ select: { observationId: true }, where: { truceId } });
    const streams = [
      truceStreamId(truceId),
      ...incidents.map((i) => incidentStreamId(i.incidentId)),
      ...observations.map((o) => observationStreamId(o.observationId)),
    ];
    const items = await this.store.readStreamsPage(streams, after, limit);
    return { truceId, items, nextAfter: items.length ? items[items.length - 1].position : after };
  }
}
