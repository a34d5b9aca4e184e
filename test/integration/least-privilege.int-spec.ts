import { Client } from 'pg';
import { refusalOf } from '../support/event-store-fixtures';
import { testDatabaseUrl } from '../support/test-database';

/**
 * ARCHITECTURE.md, "Least privilege": the running service connects as a role that may only read
 * and append to the log, so a compromised service cannot switch off the log's protections. Every
 * other test runs the service as this same role (test/support/global-setup.ts).
 */
describe('the runtime role cannot switch off the log’s protections', () => {
  const INSUFFICIENT_PRIVILEGE = '42501';

  it('is neither a superuser nor the owner of the log', async () => {
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT r.rolsuper, t.tableowner = current_user AS owns, has_table_privilege('events', 'UPDATE') AS may_update,
                has_table_privilege('events', 'DELETE') AS may_delete, has_table_privilege('events', 'TRUNCATE') AS may_truncate,
                has_table_privilege('events', 'INSERT') AS may_insert, has_table_privilege('events', 'SELECT') AS may_select
           FROM pg_roles r, pg_tables t WHERE r.rolname = current_user AND t.tablename = 'events'`,
      );
      expect(rows[0]).toEqual({
        rolsuper: false,
        owns: false,
        may_update: false,
        may_delete: false,
        may_truncate: false,
        may_insert: true,
        may_select: true,
      });
    } finally {
      await client.end();
    }
  });

  it('may read and add to the Merkle tree of the log, never change or empty it', async () => {
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT t.tableowner = current_user AS owns, has_table_privilege('merkle_nodes', 'SELECT') AS may_select,
                has_table_privilege('merkle_nodes', 'INSERT') AS may_insert, has_table_privilege('merkle_nodes', 'UPDATE') AS may_update,
                has_table_privilege('merkle_nodes', 'DELETE') AS may_delete, has_table_privilege('merkle_nodes', 'TRUNCATE') AS may_truncate
           FROM pg_tables t WHERE t.tablename = 'merkle_nodes'`,
      );
      expect(rows[0]).toEqual({ owns: false, may_select: true, may_insert: true, may_update: false, may_delete: false, may_truncate: false });
    } finally {
      await client.end();
    }
  });

  it.each([
    ['UPDATE a tree node', 'UPDATE merkle_nodes SET hash = hash WHERE level = 0 AND index = 0'],
    ['DELETE a tree node', 'DELETE FROM merkle_nodes WHERE level = 0 AND index = 0'],
    ['TRUNCATE the tree', 'TRUNCATE merkle_nodes'],
    ['disable the tree’s insert-only trigger', 'ALTER TABLE merkle_nodes DISABLE TRIGGER merkle_nodes_insert_only_rows'],
    ['drop the tree', 'DROP TABLE merkle_nodes'],
  ])('may not %s (permission denied)', async (_what, sql) => {
    expect(await refusalOf(testDatabaseUrl(), sql)).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  });

  it.each([
    ['disable the append-only trigger', 'ALTER TABLE events DISABLE TRIGGER events_append_only_rows'],
    ['disable every trigger', 'ALTER TABLE events DISABLE TRIGGER ALL'],
    ['drop the trigger', 'DROP TRIGGER events_append_only_rows ON events'],
    ['UPDATE an event', "UPDATE events SET data = '{}'::jsonb WHERE position = (SELECT min(position) FROM events)"],
    ['DELETE an event', 'DELETE FROM events WHERE position = (SELECT max(position) FROM events)'],
    ['TRUNCATE the log', 'TRUNCATE events'],
    ['replace the trigger function', 'CREATE OR REPLACE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$'],
    ['take the log over', 'ALTER TABLE events OWNER TO CURRENT_USER'],
    ['drop the log', 'DROP TABLE events'],
    ['forget an idempotency key', 'DELETE FROM idempotency_keys'],
  ])('may not %s (permission denied)', async (_what, sql) => {
    const error = await refusalOf(testDatabaseUrl(), sql);
    expect(error).toMatchObject({ code: expect.stringMatching(/^(42501|42883)$/) });
    // 42883 only for the function: a non-owner cannot see it as replaceable either way.
    if (!sql.startsWith('CREATE OR REPLACE FUNCTION')) expect(error).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  });

  it('may not switch the session to replica mode, which skips triggers', async () => {
    const error = await refusalOf(testDatabaseUrl(), 'SET session_replication_role = replica');
    expect(error).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  });
});
