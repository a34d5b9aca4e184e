import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain/domain-error';
import { decodeCursor, encodeCursor } from '../../../common/http/cursor';
import { TruceView } from '../../../truces/projections/truce-view.entity';
import { IncidentView } from '../../projections/incident-view.entity';
import { presentIncident } from '../get-incident/incident.presenter';
import { IncidentPage, ListIncidentsQuery } from './list-incidents.query';

@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ truceId, filter }: ListIncidentsQuery): Promise<IncidentPage> {
    const truce = await this.dataSource.getRepository(TruceView).findOne({ where: { truceId } });
    if (!truce) throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
    const limit = filter.limit ?? 20;
    const effectiveAt = new Date(truce.state.effectiveAt);

    const qb = this.dataSource.getRepository(IncidentView).createQueryBuilder('i').where('i.truce_id = :truceId', { truceId });
    if (filter.cursor !== undefined) qb.andWhere('i.position > :after', { after: decodeCursor(filter.cursor) });
    if (filter.accused) qb.andWhere('i.accused_party = :accused', { accused: filter.accused });
    if (filter.reportedBy) qb.andWhere('i.reported_by = :reportedBy', { reportedBy: filter.reportedBy });
    if (filter.verification) qb.andWhere('i.verification = :verification', { verification: filter.verification });
    if (filter.from) qb.andWhere('i.occurred_from >= :from', { from: new Date(filter.from) });
    if (filter.to) qb.andWhere('i.occurred_from < :to', { to: new Date(filter.to) });
    // The same rule as classify(): relative to the truce's effective instant E.
    if (filter.classification === 'post_truce') qb.andWhere('i.occurred_from >= :e', { e: effectiveAt });
    if (filter.classification === 'pre_truce') qb.andWhere('i.occurred_to <= :e', { e: effectiveAt });
    if (filter.classification === 'ambiguous') qb.andWhere('i.occurred_from < :e AND i.occurred_to > :e', { e: effectiveAt });

    const rows = await qb.orderBy('i.position', 'ASC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => presentIncident(r.state, truce.state.effectiveAt)),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null,
    };
  }
}
