import { RecordedEvent } from '../event-store/event-store.types';
import { SqlClient } from '../event-store/sql-client';
import { timeWindow } from '../incidents/domain/value-objects';
import { evolveObservation, OBSERVATION_FOLD_VERSION, OBSERVATION_STREAM_PREFIX, ObservationState } from './domain/observation';

export const isObservationStream = (streamId: string): boolean => streamId.startsWith(OBSERVATION_STREAM_PREFIX);

/**
 * Folds the events of some observation streams into their rows, the way projectIncidentStreams
 * does for incidents: one read of the rows, one upsert, in plain SQL (inside every append and
 * every rebuild batch). A row holds exactly what `evolveObservation` makes of its stream.
 */
export async function projectObservationStreams(sql: SqlClient, streams: Map<string, RecordedEvent[]>): Promise<void> {
  const idOf = (streamId: string) => streamId.slice(OBSERVATION_STREAM_PREFIX.length);
  // A stream whose first event here is its first ever has no row yet: read only the others'.
  const continuing = [...streams].filter(([, events]) => events[0].streamVersion > 1).map(([id]) => idOf(id));
  const existing: { observation_id: string; position: string; state: ObservationState }[] = continuing.length
    ? (await sql.query('SELECT observation_id, position, state FROM observation_view WHERE observation_id = ANY($1::uuid[])', [continuing])).rows
    : [];
  const rows = new Map(existing.map((r) => [r.observation_id, r]));
  const updated: ReturnType<typeof observationRow>[] = [];
  for (const [streamId, events] of streams) {
    const row = rows.get(idOf(streamId));
    let state: ObservationState | null = row?.state ?? null;
    let position = row ? Number(row.position) : null;
    for (const event of events) {
      state = evolveObservation(state, event as never);
      if (event.type === 'ObservationRecorded') position = event.position;
    }
    if (state && position !== null) updated.push(observationRow(state, position));
  }
  if (!updated.length) return;
  await sql.query(
    `INSERT INTO observation_view (observation_id, truce_id, kind, origin, assessment, observed_from, observed_to,
                                   withdrawn, recorded_at, position, version, fold_version, state)
     SELECT observation_id, truce_id, kind, origin, assessment, observed_from, observed_to,
            withdrawn, recorded_at, position, version, fold_version, state
       FROM jsonb_to_recordset($1::jsonb) AS r(observation_id uuid, truce_id uuid, kind text, origin text, assessment text,
            observed_from timestamptz, observed_to timestamptz, withdrawn boolean, recorded_at timestamptz,
            position bigint, version integer, fold_version integer, state jsonb)
     ON CONFLICT (observation_id) DO UPDATE SET
       origin = EXCLUDED.origin, assessment = EXCLUDED.assessment, withdrawn = EXCLUDED.withdrawn,
       version = EXCLUDED.version, fold_version = EXCLUDED.fold_version, state = EXCLUDED.state`,
    [JSON.stringify(updated)],
  );
}

/** The row of an observation: its state, and the columns lists filter and sort on. */
export function observationRow(state: ObservationState, position: number) {
  const window = timeWindow(state.observedAt);
  return {
    observation_id: state.observationId,
    truce_id: state.truceId,
    kind: state.kind,
    origin: state.origin,
    assessment: state.assessment,
    observed_from: new Date(window.from).toISOString(),
    observed_to: new Date(window.to).toISOString(),
    withdrawn: state.withdrawn !== null,
    recorded_at: state.recordedAt,
    position,
    version: state.version,
    fold_version: OBSERVATION_FOLD_VERSION,
    state,
  };
}
