import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource, LessThan } from 'typeorm';
import { Clock } from '../../../common/clock';
import { decodeCursor, encodeCursor } from '../../../common/http/cursor';
import { TruceRecordReader } from '../../application/truce-record.reader';
import { TruceView } from '../../projections/truce-view.entity';
import { truceSummary } from '../get-truce-status/truce-summary';
import { ListTrucesQuery, TrucePage } from './list-truces.query';

@QueryHandler(ListTrucesQuery)
export class ListTrucesHandler implements IQueryHandler<ListTrucesQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: TruceRecordReader,
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
    const incidents = await this.reader.incidentsOf(page.map((r) => r.truceId));
    const now = this.clock.now().toISOString();
    return {
      items: page.map((r) => truceSummary(r.state, incidents.get(r.truceId) ?? [], now, now)),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null,
    };
  }
}
