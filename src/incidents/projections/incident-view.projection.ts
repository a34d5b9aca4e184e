import { EntityManager, In } from 'typeorm';
import { RecordedEvent } from '../../event-store/event-store.types';
import { evolveIncident, IncidentState } from '../domain/incident';
import { INCIDENT_STREAM_PREFIX } from '../domain/incident.events';
import { timeWindow } from '../domain/value-objects';
import { IncidentView } from './incident-view.entity';

export const isIncidentStream = (streamId: string): boolean => streamId.startsWith(INCIDENT_STREAM_PREFIX);

/** Folds the events of some incident streams into their rows (see truce-view.projection). */
export async function projectIncidentStreams(manager: EntityManager, streams: Map<string, RecordedEvent[]>): Promise<void> {
  const repo = manager.getRepository(IncidentView);
  const ids = [...streams.keys()].map((s) => s.slice(INCIDENT_STREAM_PREFIX.length));
  const rows = new Map((await repo.find({ where: { incidentId: In(ids) } })).map((r) => [r.incidentId, r]));
  const updated: IncidentView[] = [];
  for (const [streamId, events] of streams) {
    const row = rows.get(streamId.slice(INCIDENT_STREAM_PREFIX.length));
    let state: IncidentState | null = row?.state ?? null;
    let position = row?.position ?? null;
    for (const event of events) {
      state = evolveIncident(state, event as never);
      if (event.type === 'BreachReported') position = event.position;
    }
    if (state && position !== null) updated.push(incidentRow(state, position));
  }
  if (updated.length) await repo.upsert(updated, ['incidentId']);
}

export function incidentRow(state: IncidentState, position: number): IncidentView {
  const window = timeWindow(state.occurredAt);
  return {
    incidentId: state.incidentId,
    truceId: state.truceId,
    reportedBy: state.reportedBy,
    accusedParty: state.accusedParty,
    verification: state.verification.status,
    occurredFrom: new Date(window.from),
    occurredTo: new Date(window.to),
    retracted: state.retracted !== null,
    recordedAt: new Date(state.recordedAt),
    position,
    version: state.version,
    state,
  };
}
