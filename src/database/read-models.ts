/**
 * The read-model tables, with the index each migration created (rebuilds keep the names).
 * They are derived data: the runtime role owns them, so a rebuild can build copies aside and
 * swap them in; the log's own tables stay with the owner role (see runtime-role.ts).
 */
export const READ_MODEL_TABLES: readonly { table: string; index: string }[] = [
  { table: 'truce_view', index: 'truce_view_newest' },
  { table: 'incident_view', index: 'incident_view_by_truce' },
  { table: 'observation_view', index: 'observation_view_by_truce' },
];
