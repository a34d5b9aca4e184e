import { Query } from '@nestjs/cqrs';
import { IncidentResponse } from './incident.presenter';

export class GetIncidentQuery extends Query<IncidentResponse> {
  constructor(readonly incidentId: string) {
    super();
  }
}
