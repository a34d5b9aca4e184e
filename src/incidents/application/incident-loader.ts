import { Injectable } from '@nestjs/common';
import { EventStore } from '../../event-store/event-store.service';
import { RecordedEvent } from '../../event-store/event-store.types';
import { evolveIncident, IncidentState, requireIncident } from '../domain/incident';
import { incidentStreamId } from '../domain/incident.events';

export function foldIncident(events: RecordedEvent[]): IncidentState | null {
  return events.reduce<IncidentState | null>((state, e) => evolveIncident(state, e as never), null);
}

/** Reads an incident's stream and folds it: the state commands decide on. */
@Injectable()
export class IncidentLoader {
  constructor(private readonly store: EventStore) {}

  async find(incidentId: string): Promise<IncidentState | null> {
    return foldIncident(await this.store.readStream(incidentStreamId(incidentId)));
  }

  async load(incidentId: string): Promise<IncidentState> {
    return requireIncident(await this.find(incidentId), incidentId);
  }
}
