import { RecordedEvent } from '../event-store/event-store.types';
import { SqlClient } from '../event-store/sql-client';
import { evolveTruce, TRUCE_FOLD_VERSION, TRUCE_STREAM_PREFIX, TruceState } from './domain/truce';

export const isTruceStream = (streamId: string): boolean => streamId.startsWith(TRUCE_STREAM_PREFIX);

/**
 * Folds the events of some truce streams into their rows: one read, one upsert (see
 * incident-view.projection). A row holds exactly what `evolveTruce` makes of its stream, and the
 * fold version that made it.
 */
export async function projectTruceStreams(sql: SqlClient, streams: Map<string, RecordedEvent[]>): Promise<void> {
  // A stream whose first event here is its first ever has no row yet: read only the others'.
  const continuing = [...streams].filter(([, events]) => events[0].streamVersion > 1).map(([id]) => id.slice(TRUCE_STREAM_PREFIX.length));
  const existing: { truce_id: string; position: string; state: TruceState }[] = continuing.length
    ? (await sql.query('SELECT truce_id, position, state FROM truce_view WHERE truce_id = ANY($1::uuid[])', [continuing])).rows
    : [];
  const rows = new Map(existing.map((r) => [r.truce_id, r]));
  const updated: object[] = [];
  for (const [streamId, events] of streams) {
    const truceId = streamId.slice(TRUCE_STREAM_PREFIX.length);
    const row = rows.get(truceId);
    let state: TruceState | null = row?.state ?? null;
    let position = row ? Number(row.position) : null;
    for (const event of events) {
      state = evolveTruce(state, event as never);
      if (event.type === 'TruceAgreed') position = event.position;
    }
    if (!state || position === null) continue;
    updated.push({
      truce_id: truceId,
      name: state.name,
      effective_at: state.effectiveAt,
      recorded_at: state.recordedAt,
      position,
      version: state.version,
      fold_version: TRUCE_FOLD_VERSION,
      state,
    });
  }
  if (!updated.length) return;
  await sql.query(
    `INSERT INTO truce_view (truce_id, name, effective_at, recorded_at, position, version, fold_version, state)
     SELECT truce_id, name, effective_at, recorded_at, position, version, fold_version, state
       FROM jsonb_to_recordset($1::jsonb) AS r(truce_id uuid, name text, effective_at timestamptz, recorded_at timestamptz,
            position bigint, version integer, fold_version integer, state jsonb)
     ON CONFLICT (truce_id) DO UPDATE SET
       effective_at = EXCLUDED.effective_at, version = EXCLUDED.version, fold_version = EXCLUDED.fold_version, state = EXCLUDED.state`,
    [JSON.stringify(updated)],
  );
}
