import { Query } from '@nestjs/cqrs';
import { IncidentResponse } from '../get-incident/incident.presenter';
import { ListIncidentsQueryDto } from './list-incidents.dto';

export interface IncidentPage {
  items: IncidentResponse[];
  nextCursor: string | null;
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
