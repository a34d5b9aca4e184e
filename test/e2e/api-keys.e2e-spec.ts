import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { aBreachBody, aTruceBody } from '../support/builders';
import { expectProblem } from '../support/expectations';
import { bearer, createTestApp, TestApp } from '../support/test-app';
import { openTestDataSource } from '../support/test-database';

describe('API keys created by an admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('an admin creates a key, it writes as its own actor with its role, and a revoked key is refused', async () => {
    const name = `desk-${Date.now()}`;
    const created = await request(t.http()).post('/admin/keys').set(bearer('admin')).send({ name, role: 'reporter' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name, role: 'reporter', createdBy: 'ada-admin', revokedAt: null });
    expect(created.body.key).toMatch(/^cfm_/);
    // The secret is in this response only: no cache may keep it.
    expect(created.headers['cache-control']).toBe('no-store');
    const key = { Authorization: `Bearer ${created.body.key}` };

    const truce = await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody());
    const report = await request(t.http()).post(`/truces/${truce.body.truceId}/incidents`).set(key).send(aBreachBody());
    expect(report.status).toBe(201);
    const events = await request(t.http()).get(`/streams/incident-${report.body.incidentId}/events`);
    expect(events.body.items[0].metadata.actor).toBe(name);
    expect((await request(t.http()).post('/truces').set(key).send(aTruceBody())).status).toBe(403);

    const listed = await request(t.http()).get('/admin/keys').set(bearer('admin'));
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name, role: 'reporter', source: 'database' }),
        expect.objectContaining({ name: 'ada-admin', role: 'admin', source: 'environment' }),
      ]),
    );
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);

    expect((await request(t.http()).delete(`/admin/keys/${name}`).set(bearer('admin'))).status).toBe(204);
    const refused = await request(t.http()).post(`/truces/${truce.body.truceId}/incidents`).set(key).send(aBreachBody());
    expect(refused.status).toBe(401);
    expect((await request(t.http()).delete(`/admin/keys/${name}`).set(bearer('admin'))).status).toBe(404);
  });

  it('refuses a taken name (409), a bad role (400) and anyone but an admin (401/403)', async () => {
    const name = `dup-${Date.now()}`;
    expect((await request(t.http()).post('/admin/keys').set(bearer('admin')).send({ name, role: 'verifier' })).status).toBe(201);
    const again = await request(t.http()).post('/admin/keys').set(bearer('admin')).send({ name, role: 'verifier' });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect((await request(t.http()).post('/admin/keys').set(bearer('admin')).send({ name: 'ada-admin', role: 'admin' })).status).toBe(409);
    expect((await request(t.http()).post('/admin/keys').set(bearer('admin')).send({ name: 'x', role: 'root' })).status).toBe(400);
    expect((await request(t.http()).post('/admin/keys').set(bearer('verifier')).send({ name: 'y', role: 'admin' })).status).toBe(403);
    expect((await request(t.http()).get('/admin/keys')).status).toBe(401);
  });

  it('honours Idempotency-Key: a repeat gets the first answer, secret included, which the database holds only sealed', async () => {
    const name = `idem-${Date.now()}`;
    const idempotencyKey = randomUUID();
    const create = (body: object) => request(t.http()).post('/admin/keys').set(bearer('admin')).set('Idempotency-Key', idempotencyKey).send(body);
    const first = await create({ name, role: 'reporter' });
    expect(first.status).toBe(201);
    const repeat = await create({ name, role: 'reporter' });
    expect({ status: repeat.status, body: repeat.body }).toEqual({ status: 201, body: first.body });
    expect(repeat.headers['cache-control']).toBe('no-store');
    expectProblem(await create({ name, role: 'admin' }), 422, 'IDEMPOTENCY.KEY_REUSED');

    const db = await openTestDataSource();
    try {
      const rows: { result: unknown }[] = await db.query('SELECT result FROM idempotency_keys');
      expect(rows.some((r) => JSON.stringify(r.result).includes(first.body.key))).toBe(false);
      expect(rows.some((r) => JSON.stringify(r.result).includes(name))).toBe(true);
    } finally {
      await db.destroy();
    }
  });

  it('a rebuild repeated with the same Idempotency-Key is answered with the first report, not run again', async () => {
    const idempotencyKey = randomUUID();
    const rebuild = () => request(t.http()).post('/admin/projections/rebuild').set(bearer('admin')).set('Idempotency-Key', idempotencyKey).send({});
    const first = await rebuild();
    expect(first.status).toBe(200);
    await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody());
    const repeat = await rebuild();
    // The log grew in between: a second rebuild would have folded one more event.
    expect(repeat.body).toEqual(first.body);
  });
});
