import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The observations' read model: one row per observation stream, holding its fold (`state`) and
 * the columns lists filter and sort on — like incident_view, nothing shared between rows.
 */
export class CreateObservationView1764216000400 implements MigrationInterface {
  name = 'CreateObservationView1764216000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE observation_view (
        observation_id  uuid PRIMARY KEY,
        truce_id        uuid        NOT NULL,
        kind            text        NOT NULL,
        origin          text        NOT NULL,
        assessment      text        NOT NULL,
        observed_from   timestamptz NOT NULL,
        observed_to     timestamptz NOT NULL,
        withdrawn       boolean     NOT NULL,
        recorded_at     timestamptz NOT NULL,
        position        bigint      NOT NULL,
        version         integer     NOT NULL,
        fold_version    integer     NOT NULL,
        state           jsonb       NOT NULL
      )`);
    await q.query(`CREATE INDEX observation_view_by_truce ON observation_view (truce_id, position)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE observation_view`);
  }
}
