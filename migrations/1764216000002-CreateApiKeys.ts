import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys created by an admin (API.md, "Auth"), beside those of API_KEYS. Only a SHA-256 digest
 * of each secret is kept; a revoked key stays listed with the time it was revoked.
 */
export class CreateApiKeys1764216000002 implements MigrationInterface {
  name = 'CreateApiKeys1764216000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_keys (
        name        text PRIMARY KEY,
        role        text        NOT NULL CHECK (role IN ('reporter', 'verifier', 'admin')),
        digest      text        NOT NULL UNIQUE,
        created_by  text        NOT NULL,
        created_at  timestamptz NOT NULL,
        revoked_at  timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE api_keys');
  }
}
