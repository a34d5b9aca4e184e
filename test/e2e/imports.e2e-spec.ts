/**
 * POST /admin/imports: a dataset of incident reports as NDJSON commands, recorded through the same
 * rules as POST /truces/{id}/incidents, idempotent by row, and leaving the log provable.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { uuidV5 } from '../../src/imports/stable-id';
import { verifyCheckpoint } from '../../src/verifier/checkpoint';
import { recomputeEventHash, ServedEvent } from '../../src/verifier/event-hash';
import { verifyInclusion } from '../../src/verifier/merkle';
import { aBreachBody, aTruceBody } from '../support/builders';
import { expectProblem, headPosition } from '../support/expectations';
import { bearer, createTestApp, TEST_CHECKPOINT, TestApp } from '../support/test-app';

const NDJSON = 'application/x-ndjson';
const ndjson = (lines: unknown[]) => lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';

describe('POST /admin/imports (e2e)', () => {
  let t: TestApp;
  let truceId: string;

  beforeAll(async () => {
    t = await createTestApp();
    truceId = (await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody()).expect(201)).body.truceId;
    t.clock.set(new Date('2020-10-12T09:00:00Z'));
  });
  afterAll(async () => {
    await t?.app.close();
  });

  const row = (sourceId: string, overrides: Record<string, unknown> = {}) => ({ truceId, sourceId, ...aBreachBody(overrides) });
  const post = (body: string, role: 'admin' | 'reporter' | null = 'admin') => {
    const req = request(t.http()).post('/admin/imports').set('Content-Type', NDJSON);
    return (role ? req.set(bearer(role)) : req).send(body);
  };

  it('needs an admin key: none is 401, a reporter 403, and nothing is written', async () => {
    const head = await headPosition(t);
    expectProblem(await post(ndjson([row('auth-1')]), null), 401);
    expectProblem(await post(ndjson([row('auth-1')]), 'reporter'), 403);
    expect(await headPosition(t)).toBe(head);
  });

  it('records the good rows, lists the bad ones by line with why, and is idempotent when posted again', async () => {
    const body = ndjson([
      row('r-1'),
      row('r-2', { occurredAt: { from: '2020-10-10T07:00:00Z', precision: 'hour' } }),
      '{ not json',
      row('r-3', { accusedParty: 'XYZ' }),
      '',
      row('r-4', { sources: [] }),
      { ...row('r-5'), truceId: '00000000-0000-4000-8000-000000000000' },
      row('r-6', { reportedBy: 'AZE', accusedParty: 'ARM' }),
      row('r-1'),
    ]);
    const first = await post(body).expect(200);
    expect(first.body).toEqual({
      imported: 3,
      skipped: 1,
      failedCount: 4,
      failed: [
        { line: 3, errors: [expect.objectContaining({ field: '(line)' })] },
        { line: 4, errors: [expect.objectContaining({ field: 'accusedParty', code: 'TRUCE.NOT_A_PARTY' })] },
        { line: 6, errors: [expect.objectContaining({ field: 'sources' })] },
        { line: 7, errors: [expect.objectContaining({ field: 'truceId', code: 'TRUCE.NOT_FOUND' })] },
      ],
    });

    // Recorded as the HTTP API records a report: the read model shows it, classified by its dates.
    const id = uuidV5(`${truceId}\nid:r-2`);
    const incident = (await request(t.http()).get(`/incidents/${id}`).expect(200)).body;
    expect(incident).toMatchObject({ incidentId: id, truceId, reportedBy: 'ARM', accusedParty: 'AZE', classification: 'pre_truce' });
    const listed = (await request(t.http()).get(`/truces/${truceId}/incidents`).expect(200)).body.items;
    expect(listed.map((i: { incidentId: string }) => i.incidentId)).toEqual(
      expect.arrayContaining([id, uuidV5(`${truceId}\nid:r-1`), uuidV5(`${truceId}\nid:r-6`)]),
    );

    const head = await headPosition(t);
    const again = await post(body).expect(200);
    expect(again.body).toMatchObject({ imported: 0, skipped: 4, failedCount: 4 });
    expect(await headPosition(t)).toBe(head);
  });

  it('writes each row under the importing key and one correlation id, one event per incident stream', async () => {
    const correlationId = `import-meta-${randomUUID()}`;
    await post(ndjson([row('meta-1'), row('meta-2')]))
      .set('X-Correlation-Id', correlationId)
      .expect(200);
    const rows: { stream_id: string; stream_version: number; actor: string }[] = await t.app
      .get(DataSource)
      .query(`SELECT stream_id, stream_version, metadata->>'actor' AS actor FROM events WHERE metadata->>'correlationId' = $1 ORDER BY position`, [
        correlationId,
      ]);
    expect(rows).toEqual([
      { stream_id: `incident-${uuidV5(`${truceId}\nid:meta-1`)}`, stream_version: 1, actor: 'ada-admin' },
      { stream_id: `incident-${uuidV5(`${truceId}\nid:meta-2`)}`, stream_version: 1, actor: 'ada-admin' },
    ]);
  });

  it('with an Idempotency-Key, a repeat is answered with the first summary; the same key with another body is 422 and writes nothing', async () => {
    const body = ndjson([row('key-1'), row('key-2')]);
    const key = `import-${randomUUID()}`;
    const first = await post(body).set('Idempotency-Key', key).expect(200);
    expect(first.body).toMatchObject({ imported: 2, skipped: 0 });
    const head = await headPosition(t);
    const repeat = await post(body).set('Idempotency-Key', key).expect(200);
    expect(repeat.body).toEqual(first.body);
    expectProblem(await post(ndjson([row('key-3')])).set('Idempotency-Key', key), 422, 'IDEMPOTENCY.KEY_REUSED');
    expect(await headPosition(t)).toBe(head);
  });

  it('a body that is not NDJSON is 415; NDJSON anywhere else is 415 too; nothing is written', async () => {
    const head = await headPosition(t);
    expectProblem(await request(t.http()).post('/admin/imports').set(bearer('admin')).send(row('json-1')), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    const elsewhere = await request(t.http())
      .post(`/truces/${truceId}/incidents`)
      .set(bearer('admin'))
      .set('Content-Type', NDJSON)
      .send(ndjson([aBreachBody()]));
    expectProblem(elsewhere, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    expect(await headPosition(t)).toBe(head);
  });

  it('takes a body far over the JSON body limit, streamed, in several chunks', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => row(`bulk-${i}`, { description: 'x'.repeat(400) }));
    const body = ndjson(rows);
    expect(Buffer.byteLength(body)).toBeGreaterThan(1_048_576);
    const res = await post(body);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { imported: 2500, skipped: 0, failedCount: 0, failed: [] } });
  });

  it('leaves the log whole and provable: GET /integrity is ok, and an imported event is included in the signed checkpoint', async () => {
    await post(ndjson([row('proof-1'), row('proof-2')])).expect(200);
    const integrity = (await request(t.http()).get('/integrity').expect(200)).body;
    expect(integrity).toMatchObject({ ok: true });
    expect(integrity.firstBroken).toBeUndefined();

    const checkpoint = verifyCheckpoint((await request(t.http()).get('/checkpoint')).text, TEST_CHECKPOINT.verifierKey);
    if (!checkpoint.ok) throw new Error(checkpoint.message);
    const { treeSize, rootHash } = checkpoint.checkpoint;
    const [event] = (
      await request(t.http())
        .get(`/streams/incident-${uuidV5(`${truceId}\nid:proof-2`)}/events`)
        .expect(200)
    ).body.items as ServedEvent[];
    expect(recomputeEventHash(event)).toBe(event.hash);
    const proof = (await request(t.http()).get(`/proofs/inclusion?logIndex=${event.logIndex}&treeSize=${treeSize}`).expect(200)).body;
    expect(
      verifyInclusion(
        event.logIndex,
        treeSize,
        Buffer.from(proof.leafHash, 'hex'),
        proof.path.map((h: string) => Buffer.from(h, 'hex')),
        rootHash,
      ),
    ).toBe(true);
  });
});
