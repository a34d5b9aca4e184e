import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { InjectReadDataSource } from '../database/read-database';
import { DomainError } from '../common/domain/domain-error';
import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { TruceFacts } from '../truces/domain/truce-facts';
import { TruceFactsProvider } from '../truces/truce-facts.provider';
import { Classification, classify } from './domain/classification';
import { Attribution, Denial, IncidentReport, IncidentState, VerificationStatus, VerificationStep } from './domain/incident';
import { IncidentView } from './incident-view.entity';
import { ListIncidentsQueryDto } from './incidents.dto';

/** An incident as the API shows it (API.md, GET /incidents/{id}). */
export interface IncidentResponse extends IncidentReport {
  classification: Classification;
  verification: { status: VerificationStatus; history: VerificationStep[] };
  attribution: Attribution | null;
  denials: Denial[];
  retracted: boolean;
  retraction: IncidentState['retracted'];
  recordedAt: string;
  streamVersion: number;
}

export interface IncidentPage {
  items: IncidentResponse[];
  nextCursor: string | null;
}

/** Classification follows the truce's current effective instant and end, which may have been revised. */
export function presentIncident(incident: IncidentState, truce: Pick<TruceFacts, 'effectiveAt' | 'endAt'>): IncidentResponse {
  return {
    incidentId: incident.incidentId,
    truceId: incident.truceId,
    reportedBy: incident.reportedBy,
    reporterType: incident.reporterType,
    accusedParty: incident.accusedParty,
    occurredAt: incident.occurredAt,
    location: incident.location,
    weapons: incident.weapons,
    casualties: incident.casualties,
    description: incident.description,
    sources: incident.sources,
    classification: classify(incident.occurredAt, truce.effectiveAt, truce.endAt ?? null),
    verification: incident.verification,
    attribution: incident.attribution,
    denials: incident.denials,
    retracted: incident.retracted !== null,
    retraction: incident.retracted,
    respondsTo: incident.respondsTo,
    recordedAt: incident.recordedAt,
    streamVersion: incident.version,
  };
}

export class GetIncidentQuery extends Query<IncidentResponse> {
  constructor(readonly incidentId: string) {
    super();
  }
}

/** A truce's incidents in the order they were reported, filtered. */
export class ListIncidentsQuery extends Query<IncidentPage> {
  constructor(
    readonly truceId: string,
    readonly filter: Omit<ListIncidentsQueryDto, 'minPosition'>,
  ) {
    super();
  }
}

/** classifyWindow() in SQL over the stored window [occurred_from, occurred_to), checked in the same order. */
function classificationSql(classification: Classification, hasEnd: boolean): string {
  const pre = 'i.occurred_to <= :e';
  switch (classification) {
    case 'pre_truce':
      return pre;
    case 'after_end':
      return hasEnd ? `NOT (${pre}) AND i.occurred_from >= :x` : 'FALSE';
    case 'post_truce':
      return hasEnd ? 'i.occurred_from >= :e AND i.occurred_to <= :x' : 'i.occurred_from >= :e';
    case 'ambiguous':
      return hasEnd ? `NOT (${pre}) AND i.occurred_from < :x AND (i.occurred_from < :e OR i.occurred_to > :x)` : `NOT (${pre}) AND i.occurred_from < :e`;
  }
}

@QueryHandler(GetIncidentQuery)
export class GetIncidentHandler implements IQueryHandler<GetIncidentQuery> {
  constructor(
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly truces: TruceFactsProvider,
  ) {}

  async execute({ incidentId }: GetIncidentQuery): Promise<IncidentResponse> {
    const row = await this.dataSource.getRepository(IncidentView).findOne({ where: { incidentId } });
    if (!row) throw DomainError.notFound('INCIDENT.NOT_FOUND', `No incident ${incidentId} is recorded.`);
    // An incident's truce is always recorded before it, in the same read models.
    const truce = await this.truces.find(row.truceId);
    if (!truce) throw new Error(`The read model of truce ${row.truceId} is missing, though incident ${incidentId} names it`);
    return presentIncident(row.state, truce);
  }
}

@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  constructor(
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly truces: TruceFactsProvider,
  ) {}

  async execute({ truceId, filter }: ListIncidentsQuery): Promise<IncidentPage> {
    const truce = await this.truces.find(truceId);
    if (!truce) throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
    const limit = filter.limit ?? 20;
    const e = new Date(truce.effectiveAt);
    const x = truce.endAt ? new Date(truce.endAt) : null;

    const qb = this.dataSource.getRepository(IncidentView).createQueryBuilder('i').where('i.truce_id = :truceId', { truceId });
    if (filter.cursor !== undefined) qb.andWhere('i.position > :after', { after: decodeCursor(filter.cursor) });
    if (filter.accused) qb.andWhere('i.accused_party = :accused', { accused: filter.accused });
    if (filter.reportedBy) qb.andWhere('i.reported_by = :reportedBy', { reportedBy: filter.reportedBy });
    if (filter.verification) qb.andWhere('i.verification = :verification', { verification: filter.verification });
    if (filter.from) qb.andWhere('i.occurred_from >= :from', { from: new Date(filter.from) });
    if (filter.to) qb.andWhere('i.occurred_from < :to', { to: new Date(filter.to) });
    // The same rule as classify(): relative to the truce's effective instant E and its end X.
    if (filter.classification) qb.andWhere(classificationSql(filter.classification, x !== null), { e, x });

    const rows = await qb
      .orderBy('i.position', 'ASC')
      .take(limit + 1)
      .getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => presentIncident(r.state, truce)),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null,
    };
  }
}
