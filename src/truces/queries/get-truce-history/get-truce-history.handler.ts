import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain/domain-error';
import { EventStore } from '../../../event-store/event-store.service';
import { RecordedEvent } from '../../../event-store/event-store.types';
import { incidentStreamId } from '../../../incidents/domain/incident.events';
import { IncidentView } from '../../../incidents/projections/incident-view.entity';
import { truceStreamId } from '../../domain/truce.events';
import { TruceView } from '../../projections/truce-view.entity';
import { GetTruceHistoryQuery, TruceHistory } from './get-truce-history.query';

@QueryHandler(GetTruceHistoryQuery)
export class GetTruceHistoryHandler implements IQueryHandler<GetTruceHistoryQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async execute({ truceId }: GetTruceHistoryQuery): Promise<TruceHistory> {
    if (!(await this.dataSource.getRepository(TruceView).exists({ where: { truceId } }))) {
      throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
    }
    const incidents = await this.dataSource.getRepository(IncidentView).find({ select: { incidentId: true }, where: { truceId } });
    const streams = [truceStreamId(truceId), ...incidents.map((i) => incidentStreamId(i.incidentId))];
    const items: RecordedEvent[] = [];
    for await (const event of this.store.readStreamsAsStored(streams)) items.push(event);
    return { truceId, items };
  }
}
