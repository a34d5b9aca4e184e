import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each read-model row says which version of its slice's fold wrote it, so rows of an older
 * shape are rebuilt at start-up rather than served (docs/adr/0004). The rows that exist were
 * folded by version 1.
 */
export class AddReadModelFoldVersion1764216000100 implements MigrationInterface {
  name = 'AddReadModelFoldVersion1764216000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE truce_view ADD COLUMN fold_version integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE incident_view ADD COLUMN fold_version integer NOT NULL DEFAULT 1`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incident_view DROP COLUMN fold_version`);
    await q.query(`ALTER TABLE truce_view DROP COLUMN fold_version`);
  }
}
