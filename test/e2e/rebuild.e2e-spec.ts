import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** Every read-model row, keyed, as plain JSON: what a rebuild must reproduce exactly. */
async function readModels(dataSource: DataSource) {
  const truces = await dataSource.query('SELECT * FROM truce_view ORDER BY truce_id');
  const incidents = await dataSource.query('SELECT * FROM incident_view ORDER BY incident_id');
  return JSON.parse(JSON.stringify({ truces, incidents }));
}

describe('POST /admin/projections/rebuild while writes go on', () => {
  let t: TestApp;
  let truceId: string;
  const breach = (i: number) => ({
    reportedBy: i % 2 ? 'ARM' : 'AZE',
    accusedParty: i % 2 ? 'AZE' : 'ARM',
    occurredAt: { from: new Date(Date.UTC(2020, 9, 10, 7, 30) + i * 60_000).toISOString(), precision: 'minute' },
    location: { name: `place ${i}` },
    sources: [{ name: 'test' }],
  });

  beforeAll(async () => {
    t = await createTestApp();
    const res = await request(t.http())
      .post('/truces')
      .set(bearer('admin'))
      .send({ name: 'rebuild', parties: [{ id: 'ARM', name: 'Armenia' }, { id: 'AZE', name: 'Azerbaijan' }], effectiveAt: '2020-10-10T08:00:00Z' });
    truceId = res.body.truceId;
    for (let i = 0; i < 150; i++) {
      const r = await request(t.http()).post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(breach(i));
      expect(r.status).toBe(201);
    }
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('keeps accepting writes, never shows readers a partial model, and ends equal to a fresh replay', async () => {
    const before = (await request(t.http()).get(`/truces/${truceId}?at=2030-01-01T00:00:00Z`)).body;
    const seen: number[] = [];
    let rebuilding = true;
    const reader = (async () => {
      while (rebuilding) {
        const res = await request(t.http()).get(`/truces/${truceId}?at=2030-01-01T00:00:00Z`);
        expect(res.status).toBe(200);
        seen.push(res.body.counts.breaches + res.body.counts.preTruce + res.body.counts.ambiguous);
      }
    })();
    const rebuild = request(t.http()).post('/admin/projections/rebuild').set(bearer('admin'));
    const writes = Promise.all(
      Array.from({ length: 30 }, (_, i) => request(t.http()).post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(breach(150 + i))),
    );
    const [rebuilt, written] = await Promise.all([rebuild, writes]);
    rebuilding = false;
    await reader;

    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.events).toBeGreaterThanOrEqual(151);
    expect(written.map((w) => w.status)).toEqual(Array(30).fill(201));
    const total = before.counts.breaches + before.counts.preTruce + before.counts.ambiguous;
    expect(total).toBe(150);
    // Never fewer incidents than before the rebuild, never going backwards: no half-built model.
    expect(seen.length).toBeGreaterThan(0);
    seen.forEach((n, i) => expect(n).toBeGreaterThanOrEqual(i ? seen[i - 1] : total));

    const after = (await request(t.http()).get(`/truces/${truceId}?at=2030-01-01T00:00:00Z`)).body;
    expect(after.counts.breaches + after.counts.preTruce + after.counts.ambiguous).toBe(180);

    const dataSource = t.app.get(DataSource);
    const live = await readModels(dataSource);
    const again = await request(t.http()).post('/admin/projections/rebuild').set(bearer('admin'));
    expect(again.status).toBe(200);
    expect(await readModels(dataSource)).toEqual(live);
  });

  it('keeps the migration-named indexes after swapping tables', async () => {
    const dataSource = t.app.get(DataSource);
    const indexes = await dataSource.query(
      "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename IN ('truce_view', 'incident_view') ORDER BY indexname",
    );
    expect(indexes.map((i: { indexname: string }) => i.indexname)).toEqual(['incident_view_by_truce', 'incident_view_pkey', 'truce_view_newest', 'truce_view_pkey']);
  });
});
