import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { INCIDENT_FOLD_VERSION } from '../../src/incidents/domain/incident';
import { TRUCE_FOLD_VERSION } from '../../src/truces/domain/truce';
import { aBreachBody, aTruceBody } from '../support/builders';
import { bearer, createTestApp, TestApp } from '../support/test-app';
import { openTestDataSource } from '../support/test-database';

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
      .send({
        name: 'rebuild',
        parties: [
          { id: 'ARM', name: 'Armenia' },
          { id: 'AZE', name: 'Azerbaijan' },
        ],
        effectiveAt: '2020-10-10T08:00:00Z',
      });
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
      Array.from({ length: 30 }, (_, i) =>
        request(t.http())
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .send(breach(150 + i)),
      ),
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
    expect(indexes.map((i: { indexname: string }) => i.indexname)).toEqual([
      'incident_view_by_truce',
      'incident_view_pkey',
      'truce_view_newest',
      'truce_view_pkey',
    ]);
  });
});

describe('read models folded by another version of the code', () => {
  it('are rebuilt from the log at start-up, before the app serves, and the rebuild is logged', async () => {
    const first = await createTestApp();
    let truceId: string;
    let incidentId: string;
    try {
      truceId = (await request(first.http()).post('/truces').set(bearer('admin')).send(aTruceBody())).body.truceId;
      incidentId = (await request(first.http()).post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(aBreachBody())).body.incidentId;
    } finally {
      await first.app.close();
    }
    const dataSource = await openTestDataSource();
    try {
      const ours = async () => ({
        truce: await dataSource.query('SELECT fold_version, state FROM truce_view WHERE truce_id = $1', [truceId]),
        incident: await dataSource.query('SELECT fold_version, state FROM incident_view WHERE incident_id = $1', [incidentId]),
      });
      const folded = await ours();
      expect(folded.truce[0].fold_version).toBe(TRUCE_FOLD_VERSION);
      expect(folded.incident[0].fold_version).toBe(INCIDENT_FOLD_VERSION);
      // As an older version of the fold would have left them: another version, another shape.
      await dataSource.query(`UPDATE truce_view SET fold_version = 0, state = '{"shape": "old"}' WHERE truce_id = $1`, [truceId]);
      await dataSource.query(`UPDATE incident_view SET fold_version = 0, state = '{"shape": "old"}' WHERE incident_id = $1`, [incidentId]);

      const warnings = jest.spyOn(Logger.prototype, 'warn');
      const second = await createTestApp();
      try {
        // Once init() has returned the app may serve: by then the rows are the fold of the log again.
        expect(await ours()).toEqual(folded);
        expect(warnings.mock.calls.map(([message]) => String(message))).toEqual(
          expect.arrayContaining([expect.stringMatching(/^Rebuilt the read models from \d+ events before serving/)]),
        );
        const summary = await request(second.http()).get(`/truces/${truceId}?at=2020-10-10T09:00:00Z`);
        expect(summary.status).toBe(200);
        expect(summary.body.counts.breaches).toBe(1);
      } finally {
        warnings.mockRestore();
        await second.app.close();
      }
    } finally {
      await dataSource.destroy();
    }
  });

  it('are left alone when every row was folded by this code', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    const t = await createTestApp();
    try {
      expect(warnings.mock.calls.filter(([message]) => /read models/i.test(String(message)))).toEqual([]);
    } finally {
      warnings.mockRestore();
      await t.app.close();
    }
  });
});
