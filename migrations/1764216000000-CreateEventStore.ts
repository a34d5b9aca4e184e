import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only log (ARCHITECTURE.md, "The log"): global position, per-stream version under a
 * unique constraint (optimistic concurrency), the per-stream hash chain, and a trigger that
 * refuses UPDATE, DELETE and TRUNCATE — corrections are new events, never edits.
 */
export class CreateEventStore1764216000000 implements MigrationInterface {
  name = 'CreateEventStore1764216000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE events (
        position        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL CHECK (stream_version > 0),
        type            text        NOT NULL,
        schema_version  integer     NOT NULL CHECK (schema_version > 0),
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL,
        prev_hash       text,
        hash            text        NOT NULL,
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
      )`);
    await q.query(`CREATE INDEX events_type_position ON events (type, position)`);
    await q.query(`
      CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the events table is append-only: % refused', TG_OP
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER events_append_only_rows BEFORE UPDATE OR DELETE ON events
        FOR EACH ROW EXECUTE FUNCTION events_refuse_change()`);
    await q.query(`
      CREATE TRIGGER events_append_only_truncate BEFORE TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()`);
    // Written in the same transaction as the events a request produced, so a retry with the
    // same key finds them together or not at all.
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope        text PRIMARY KEY,
        fingerprint  text        NOT NULL,
        result       jsonb       NOT NULL,
        position     bigint      NOT NULL,
        created_at   timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE events`);
    await q.query(`DROP FUNCTION events_refuse_change()`);
  }
}
