import { RecordedEvent } from '../event-store/event-store.types';
import { SqlClient } from '../event-store/sql-client';
import { evolveIncident, INCIDENT_FOLD_VERSION, INCIDENT_STREAM_PREFIX, IncidentState } from './domain/incident';
import { timeWindow } from './domain/value-objects';

export const isIncidentStream = (streamId: string): boolean => streamId.startsWith(INCIDENT_STREAM_PREFIX);

/**
 * Folds the events of some incident streams into their rows: one read of the rows, one upsert,
 * in plain SQL (this runs inside every append and for every batch of a rebuild). A row holds
 * exactly what `evolveIncident` makes of its stream (and the fold version that made it), so a
 * rebuild reproduces it.
 */
export async function projectIncidentStreams(sql: SqlClient, streams: Map<string, RecordedEvent[]>): Promise<void> {
  // A stream whose first event here is its first ever has no row yet: read only the others'.
  const continuing = [...streams].filter(([, events]) => events[0].streamVersion > 1).map(([id]) => id.slice(INCIDENT_STREAM_PREFIX.length));
  const existing: { incident_id: string; position: string; state: IncidentState }[] = continuing.length
    ? (await sql.query('SELECT incident_id, position, state FROM incident_view WHERE incident_id = ANY($1::uuid[])', [continuing])).rows
    : [];
  const rows = new Map(existing.map((r) => [r.incident_id, r]));
  const updated: ReturnType<typeof incidentRow>[] = [];
  for (const [streamId, events] of streams) {
    const row = rows.get(streamId.slice(INCIDENT_STREAM_PREFIX.length));
    let state: IncidentState | null = row?.state ?? null;
    let position = row ? Number(row.position) : null;
    for (const event of events) {
      state = evolveIncident(state, event as never);
      if (event.type === 'BreachReported') position = event.position;
    }
    if (state && position !== null) updated.push(incidentRow(state, position));
  }
  if (!updated.length) return;
  await sql.query(
    `INSERT INTO incident_view (incident_id, truce_id, reported_by, accused_party, verification, occurred_from, occurred_to,
                                retracted, recorded_at, position, version, fold_version, state)
     SELECT incident_id, truce_id, reported_by, accused_party, verification, occurred_from, occurred_to,
            retracted, recorded_at, position, version, fold_version, state
       FROM jsonb_to_recordset($1::jsonb) AS r(incident_id uuid, truce_id uuid, reported_by text, accused_party text,
            verification text, occurred_from timestamptz, occurred_to timestamptz, retracted boolean,
            recorded_at timestamptz, position bigint, version integer, fold_version integer, state jsonb)
     ON CONFLICT (incident_id) DO UPDATE SET
       verification = EXCLUDED.verification, retracted = EXCLUDED.retracted, version = EXCLUDED.version,
       fold_version = EXCLUDED.fold_version, state = EXCLUDED.state`,
    [JSON.stringify(updated)],
  );
}

/** The row of an incident: its state, and the columns lists filter and sort on. */
export function incidentRow(state: IncidentState, position: number) {
  const window = timeWindow(state.occurredAt);
  return {
    incident_id: state.incidentId,
    truce_id: state.truceId,
    reported_by: state.reportedBy,
    accused_party: state.accusedParty,
    verification: state.verification.status,
    occurred_from: new Date(window.from).toISOString(),
    occurred_to: new Date(window.to).toISOString(),
    retracted: state.retracted !== null,
    recorded_at: state.recordedAt,
    position,
    version: state.version,
    fold_version: INCIDENT_FOLD_VERSION,
    state,
  };
}
