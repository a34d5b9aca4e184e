import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read models: one row per truce and one per incident, each holding the fold of its own stream
 * (`state`) plus the columns queries filter and sort on. Nothing here is shared between
 * incidents, so concurrent reports never contend on a row.
 */
export class CreateReadModels1764216000001 implements MigrationInterface {
  name = 'CreateReadModels1764216000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE truce_view (
        truce_id      uuid PRIMARY KEY,
        name          text        NOT NULL,
        effective_at  timestamptz NOT NULL,
        recorded_at   timestamptz NOT NULL,
        position      bigint      NOT NULL,
        version       integer     NOT NULL,
        state         jsonb       NOT NULL
      )`);
    await q.query(`CREATE INDEX truce_view_newest ON truce_view (position DESC)`);
    await q.query(`
      CREATE TABLE incident_view (
        incident_id    uuid PRIMARY KEY,
        truce_id       uuid        NOT NULL,
        reported_by    text        NOT NULL,
        accused_party  text        NOT NULL,
        verification   text        NOT NULL,
        occurred_from  timestamptz NOT NULL,
        occurred_to    timestamptz NOT NULL,
        retracted      boolean     NOT NULL,
        recorded_at    timestamptz NOT NULL,
        position       bigint      NOT NULL,
        version        integer     NOT NULL,
        state          jsonb       NOT NULL
      )`);
    await q.query(`CREATE INDEX incident_view_by_truce ON incident_view (truce_id, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incident_view`);
    await q.query(`DROP TABLE truce_view`);
  }
}
