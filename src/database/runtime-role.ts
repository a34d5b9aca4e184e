import { QueryRunner } from 'typeorm';
import { READ_MODEL_TABLES } from './read-models';

/**
 * What the running service may do (ARCHITECTURE.md, "Least privilege"): read and append to the
 * log, never change or remove a row of it, never own it. Only a superuser can then switch off
 * the append-only trigger, and the signed checkpoints catch what a superuser does.
 */
const TABLE_PRIVILEGES: Record<string, string> = {
  events: 'SELECT, INSERT',
  // The log's Merkle tree (ADR 0004): inserted with the events, never changed.
  merkle_nodes: 'SELECT, INSERT',
  idempotency_keys: 'SELECT, INSERT',
  api_keys: 'SELECT, INSERT, UPDATE',
  migrations: 'SELECT',
};

/**
 * Grants the runtime role what it needs, run as the owner after every migration (idempotent).
 * A log first created by the runtime role itself (before DATABASE_OWNER_URL was set) is handed
 * over to the owner first, or the runtime role would keep every power an owner has.
 */
export async function grantRuntimeRole(owner: QueryRunner, role: string): Promise<void> {
  const id = quoteIdentifier(role);
  const [{ database, me }] = await owner.query('SELECT current_database() AS database, current_user AS me');
  if (me === role) throw new Error(`DATABASE_OWNER_URL and DATABASE_URL name the same role (${role}): give the service a role of its own.`);
  for (const table of Object.keys(TABLE_PRIVILEGES)) {
    const [{ tableowner }] = await owner.query('SELECT tableowner FROM pg_tables WHERE schemaname = $1 AND tablename = $2', ['public', table]);
    if (tableowner === role) await owner.query(`ALTER TABLE public.${table} OWNER TO CURRENT_USER`);
  }
  await owner.query(`GRANT CONNECT, CREATE ON DATABASE ${quoteIdentifier(database)} TO ${id}`);
  // CREATE on public: a rebuild moves the tables it built aside into it.
  await owner.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${id}`);
  for (const [table, privileges] of Object.entries(TABLE_PRIVILEGES)) {
    await owner.query(`REVOKE ALL ON public.${table} FROM ${id}`);
    await owner.query(`GRANT ${privileges} ON public.${table} TO ${id}`);
  }
  for (const { table } of READ_MODEL_TABLES) await owner.query(`ALTER TABLE public.${table} OWNER TO ${id}`);
}

/** What the runtime role may do to the log, for the start-up warning and the operator's checks. */
export async function logPowersOf(runner: QueryRunner): Promise<{ superuser: boolean; ownsLog: boolean }> {
  const [row] = await runner.query(
    `SELECT r.rolsuper AS superuser, pg_has_role(current_user, t.tableowner, 'USAGE') AS owns_log
       FROM pg_roles r, pg_tables t
      WHERE r.rolname = current_user AND t.schemaname = 'public' AND t.tablename = 'events'`,
  );
  return { superuser: Boolean(row?.superuser), ownsLog: Boolean(row?.owns_log) };
}

/** The user name in a postgres:// URL. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
