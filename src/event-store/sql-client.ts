/**
 * The one thing code running inside an append transaction may do: send SQL on that transaction's
 * connection. Deliberately not a TypeORM EntityManager — the append opens its transaction with a
 * raw BEGIN that TypeORM knows nothing about, so `manager.save()` there would open and COMMIT a
 * transaction of its own mid-batch and let go of the append lock. (A pg PoolClient fits.)
 */
export interface SqlClient {
  query<R = any>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * The append transaction's own connection, which can also run a statement prepared once per
 * connection under a name (pg's named statements): the append path's INSERT has one fixed text,
 * so PostgreSQL parses and plans it once per connection instead of once per batch.
 */
export interface PreparingSqlClient extends SqlClient {
  query<R = any>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  query<R = any>(statement: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/** The same, over a TypeORM manager or DataSource (whose `query` answers the rows themselves). */
export function sqlClientOf(runner: { query(text: string, params?: unknown[]): Promise<any> }): SqlClient {
  return { query: async (text, params) => ({ rows: await runner.query(text, params) }) };
}
