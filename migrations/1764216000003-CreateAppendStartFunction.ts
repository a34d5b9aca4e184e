import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One round trip to open a batch of appends: take the append lock, then read the heads of the
 * streams involved and the idempotency keys already used. A VOLATILE function gives each
 * statement a fresh snapshot, so the reads after the lock see every append committed before it.
 */
export class CreateAppendStartFunction1764216000003 implements MigrationInterface {
  name = 'CreateAppendStartFunction1764216000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION events_append_start(p_lock bigint, p_streams text[], p_scopes text[]) RETURNS jsonb
      LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        heads jsonb;
        remembered jsonb;
      BEGIN
        PERFORM pg_advisory_xact_lock(p_lock);
        SELECT coalesce(jsonb_agg(jsonb_build_object('streamId', h.stream_id, 'version', h.stream_version, 'hash', h.hash)), '[]'::jsonb)
          INTO heads
          FROM (SELECT DISTINCT ON (stream_id) stream_id, stream_version, hash FROM events
                 WHERE stream_id = ANY(p_streams) ORDER BY stream_id, stream_version DESC) h;
        SELECT coalesce(jsonb_agg(jsonb_build_object('scope', k.scope, 'fingerprint', k.fingerprint, 'result', k.result)), '[]'::jsonb)
          INTO remembered
          FROM idempotency_keys k WHERE k.scope = ANY(p_scopes);
        RETURN jsonb_build_object('heads', heads, 'remembered', remembered);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION events_append_start(bigint, text[], text[])');
  }
}
