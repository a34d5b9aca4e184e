import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain/domain-error';
import { TruceView } from '../../../truces/projections/truce-view.entity';
import { IncidentView } from '../../projections/incident-view.entity';
import { GetIncidentQuery } from './get-incident.query';
import { IncidentResponse, presentIncident } from './incident.presenter';

@QueryHandler(GetIncidentQuery)
export class GetIncidentHandler implements IQueryHandler<GetIncidentQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ incidentId }: GetIncidentQuery): Promise<IncidentResponse> {
    const row = await this.dataSource.getRepository(IncidentView).findOne({ where: { incidentId } });
    if (!row) throw DomainError.notFound('INCIDENT.NOT_FOUND', `No incident ${incidentId} is recorded.`);
    // Classification follows the truce's current effective instant, which may have been revised.
    const truce = await this.dataSource.getRepository(TruceView).findOneOrFail({ where: { truceId: row.truceId } });
    return presentIncident(row.state, truce.state.effectiveAt);
  }
}
