import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An idempotency scope used to hold the client's Idempotency-Key itself. It is now kept as a
 * SHA-256 digest: the raw key stays with the client, so it can seal what a replay must repeat
 * but the database must not read (a new API key's secret). Existing scopes are hashed the same
 * way, so a retry of a request made before this migration is still recognised.
 */
export class HashIdempotencyScopes1764216000150 implements MigrationInterface {
  name = 'HashIdempotencyScopes1764216000150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE idempotency_keys SET scope = encode(sha256(convert_to(scope, 'UTF8')), 'hex')`);
  }

  async down(): Promise<void> {
    // A digest cannot be turned back into the key it was made from.
  }
}
