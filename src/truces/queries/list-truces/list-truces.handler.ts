import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, In, LessThan } from 'typeorm';
import { Clock } from '../../../common/clock';
import { decodeCursor, encodeCursor } from '../../../common/http/cursor';
import { IncidentState } from '../../../incidents/domain/incident';
import { IncidentView } from '../../../incidents/projections/incident-view.entity';
import { TruceView } from '../../projections/truce-view.entity';
import { truceSummary } from '../get-truce-status/truce-summary';
import { ListTrucesQuery, TrucePage } from './list-truces.query';

@QueryHandler(ListTrucesQuery)
export class ListTrucesHandler implements IQueryHandler<ListTrucesQuery> {
  constructor(
    private readonly dataSource: DataSource,
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
    const now = this.clock.now().toISOString();
    return {
      items: page.map((r) => truceSummary(r.state, incidents.get(r.truceId) ?? [], now, now)),
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
}
