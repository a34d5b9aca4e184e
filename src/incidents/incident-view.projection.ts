import { RecordedEvent } from '../event-store/event-store.types';
import { NewStreamProjection, UnplacedEvent } from '../event-store/inline-projection';
import { SqlClient } from '../event-store/sql-client';
import { evolveIncident, INCIDENT_FOLD_VERSION, INCIDENT_STREAM_PREFIX, IncidentState } from './domain/incident';
import { timeWindow } from './domain/value-objects';

export const isIncidentStream = (streamId: string): boolean => streamId.startsWith(INCIDENT_STREAM_PREFIX);

/** The columns of incident_view, as written from a JSON row (jsonb_to_recordset's record). */
const COLUMNS = [
  'incident_id',
  'truce_id',
  'reported_by',
  'accused_party',
  'verification',
  'occurred_from',
  'occurred_to',
  'retracted',
  'recorded_at',
  'position',
  'version',
  'fold_version',
  'state',
];
const RECORD = `incident_id uuid, truce_id uuid, reported_by text, accused_party text, verification text, occurred_from timestamptz,
  occurred_to timestamptz, retracted boolean, recorded_at timestamptz, position bigint, version integer, fold_version integer, state jsonb`;
const ON_CONFLICT = `ON CONFLICT (incident_id) DO UPDATE SET
  verification = EXCLUDED.verification, retracted = EXCLUDED.retracted, version = EXCLUDED.version,
  fold_version = EXCLUDED.fold_version, state = EXCLUDED.state`;

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
    const folded = fold(row ? { state: row.state, position: Number(row.position) } : { state: null, position: null }, events, (e) => e.position);
    if (folded.state && folded.position !== null) updated.push(incidentRow(folded.state, folded.position));
  }
  if (!updated.length) return;
  await sql.query(
    `INSERT INTO incident_view (${COLUMNS.join(', ')})
     SELECT ${COLUMNS.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD})
     ${ON_CONFLICT}`,
    [JSON.stringify(updated)],
  );
}

/**
 * The rows of incident streams an append batch begins, written by its INSERT (a CTE): the same
 * fold and the same row as projectIncidentStreams, made before the append lock, with the position
 * of the stream's BreachReported taken from the event as inserted.
 */
export const newIncidentStreams: NewStreamProjection = {
  sql: `incident_rows AS (
    INSERT INTO incident_view (${COLUMNS.join(', ')})
    SELECT ${COLUMNS.map((c) => (c === 'position' ? 'i.position' : `r.${c}`)).join(', ')}
      FROM jsonb_to_recordset($rows::jsonb) AS r(${RECORD}, stream_id text, reported_version integer)
      JOIN inserted i ON i.stream_id = r.stream_id AND i.stream_version = r.reported_version
    ${ON_CONFLICT})`,
  row(events) {
    const streamId = events[0].streamId;
    if (!isIncidentStream(streamId)) return null;
    // The version stands for the position until the INSERT knows it (reported_version above).
    const { state, position: reportedVersion } = fold({ state: null, position: null }, events, (e) => e.streamVersion);
    if (!state || reportedVersion === null) return null;
    return JSON.stringify({ ...incidentRow(state, 0), stream_id: streamId, reported_version: reportedVersion });
  },
};

/** A row's state after some events of its stream, and the position of its BreachReported (`placeOf` it). */
function fold<E extends UnplacedEvent>(
  from: { state: IncidentState | null; position: number | null },
  events: E[],
  placeOf: (event: E) => number,
): { state: IncidentState | null; position: number | null } {
  let { state, position } = from;
  for (const event of events) {
    state = evolveIncident(state, event as never);
    if (event.type === 'BreachReported') position = placeOf(event);
  }
  return { state, position };
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
