import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { aBreachBody, aTruceBody } from '../support/builders';
import { expectFieldError, expectNothingWritten, expectProblem, expectWritten } from '../support/expectations';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** A square around Kapan (lon 46.3–46.5, lat 39.1–39.3) with a hole around (46.45, 39.25). */
const KAPAN_AREA = {
  type: 'Polygon',
  coordinates: [
    [
      [46.3, 39.1],
      [46.5, 39.1],
      [46.5, 39.3],
      [46.3, 39.3],
      [46.3, 39.1],
    ],
    [
      [46.44, 39.24],
      [46.46, 39.24],
      [46.46, 39.26],
      [46.44, 39.26],
      [46.44, 39.24],
    ],
  ],
};

/** Terter (around lon 47.0, lat 40.35) and Agdam (around lon 46.95, lat 39.99), one zone of two parts. */
const FRONT_LINE = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [46.9, 40.3],
        [47.1, 40.3],
        [47.1, 40.4],
        [46.9, 40.3],
      ],
    ],
    [
      [
        [46.9, 39.95],
        [47.0, 39.95],
        [47.0, 40.05],
        [46.9, 40.05],
        [46.9, 39.95],
      ],
    ],
  ],
};

const aZoneBody = (overrides: Record<string, unknown> = {}) => ({
  zoneId: 'kapan-area',
  name: 'Kapan and surroundings',
  kind: 'area_of_responsibility',
  geometry: KAPAN_AREA,
  ...overrides,
});

describe('zones (e2e)', () => {
  let t: TestApp;
  const tick = () => t.clock.advance(60_000);

  beforeAll(async () => {
    t = await createTestApp({ now: '2020-10-10T09:00:00Z' });
  });
  afterAll(() => t.app.close());

  async function aTruce(): Promise<string> {
    tick();
    const res = await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody());
    expect(res.status).toBe(201);
    return res.body.truceId;
  }

  const define = (truceId: string, body: object, role: 'verifier' | 'reporter' | 'admin' = 'verifier') =>
    request(t.http()).post(`/truces/${truceId}/zones`).set(bearer(role)).send(body);
  const retire = (truceId: string, zoneId: string, body: object = { reason: 'Redrawn' }) =>
    request(t.http()).post(`/truces/${truceId}/zones/${zoneId}/retire`).set(bearer('verifier')).send(body);
  const zones = (truceId: string, asOf?: string) =>
    request(t.http())
      .get(`/truces/${truceId}/zones`)
      .query(asOf ? { asOf } : {});

  describe('defining and retiring', () => {
    let truceId: string;
    beforeAll(async () => {
      truceId = await aTruce();
    });

    it('a verifier defines a zone: 201 with zoneId, position, streamVersion; it is listed with its definition', async () => {
      tick();
      const definedAt = t.clock.now().toISOString();
      const res = await define(truceId, aZoneBody({ appliesToTruce: true }));
      expectWritten(res, { keys: ['zoneId'], streamVersion: 2 });
      expect(res.body.zoneId).toBe('kapan-area');
      const list = await zones(truceId);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({
        items: [
          { zoneId: 'kapan-area', name: 'Kapan and surroundings', kind: 'area_of_responsibility', geometry: KAPAN_AREA, appliesToTruce: true, definedAt },
        ],
      });
    });

    it('an id already defined is 409 and writes nothing', async () => {
      await expectNothingWritten(t, [`truce-${truceId}`], async () => {
        expectProblem(await define(truceId, aZoneBody({ name: 'Another outline' })), 409, 'ZONE.ALREADY_DEFINED');
      });
    });

    it('a reporter may not define zones (403); an unknown truce is 404', async () => {
      expectProblem(await define(truceId, aZoneBody({ zoneId: 'x' }), 'reporter'), 403);
      expectProblem(await define('00000000-0000-4000-8000-000000000000', aZoneBody()), 404, 'TRUCE.NOT_FOUND');
    });

    it.each([
      ['zoneId', { zoneId: 'Kapan Area' }],
      ['zoneId', { zoneId: 'kapan_area' }],
      ['kind', { kind: 'front' }],
      ['name', { name: '' }],
      ['appliesToTruce', { appliesToTruce: 'yes' }],
      ['geometry', { geometry: { type: 'Point', coordinates: [46.4, 39.2] } }],
      ['geometry', { geometry: { type: 'Polygon', coordinates: [KAPAN_AREA.coordinates[0].slice(0, 4)] } }],
      [
        'geometry',
        {
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [46.3, 39.1],
                [46.5, 39.1],
                [46.3, 39.1],
              ],
            ],
          },
        },
      ],
      [
        'geometry',
        {
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [39.1, 46.3],
                [39.1, 146.5],
                [39.3, 46.5],
                [39.1, 46.3],
              ],
            ],
          },
        },
      ],
      [
        'geometry',
        {
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [46.3, 39.1],
                [46.5, '39.1'],
                [46.5, 39.3],
                [46.3, 39.1],
              ],
            ],
          },
        },
      ],
      ['geometry', { geometry: { type: 'MultiPolygon', coordinates: KAPAN_AREA.coordinates } }],
      ['geometry', { geometry: null }],
    ])('%s refused with 400, nothing written: %j', async (field, overrides) => {
      await expectNothingWritten(t, [`truce-${truceId}`], async () => {
        expectFieldError(await define(truceId, aZoneBody({ zoneId: 'bad-one', ...overrides })), field);
      });
    });

    it('retiring: 201; the zone is gone as of the retirement, in force just before; retiring again is 422, an unknown zone 404', async () => {
      tick();
      expectWritten(await define(truceId, aZoneBody({ zoneId: 'front-line', name: 'Terter and Agdam', kind: 'region', geometry: FRONT_LINE })), {
        keys: ['zoneId'],
      });
      tick();
      const retiredAt = t.clock.now().toISOString();
      expectWritten(await retire(truceId, 'kapan-area'));
      const ids = async (asOf?: string) => (await zones(truceId, asOf)).body.items.map((z: { zoneId: string }) => z.zoneId);
      expect(await ids()).toEqual(['front-line']);
      expect(await ids(retiredAt)).toEqual(['front-line']);
      expect(await ids(new Date(Date.parse(retiredAt) - 1).toISOString())).toEqual(['kapan-area', 'front-line']);
      await expectNothingWritten(t, [`truce-${truceId}`], async () => {
        expectProblem(await retire(truceId, 'kapan-area'), 422, 'ZONE.RETIRED');
        expectProblem(await retire(truceId, 'no-such-zone'), 404, 'ZONE.NOT_FOUND');
        expectFieldError(await retire(truceId, 'front-line', {}), 'reason');
      });
    });

    it('as of before the truce was recorded, 404; a bad asOf is 400', async () => {
      expectProblem(await zones(truceId, '2000-01-01T00:00:00Z'), 404, 'TRUCE.NOT_FOUND');
      expectFieldError(await zones(truceId, 'yesterday'), 'asOf');
    });

    it('zones.geojson is a FeatureCollection of the zones in force', async () => {
      const res = await request(t.http()).get(`/truces/${truceId}/zones.geojson`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('application/geo+json');
      const body = JSON.parse(res.text);
      expect(body.type).toBe('FeatureCollection');
      expect(body.features).toEqual([
        {
          type: 'Feature',
          id: 'front-line',
          geometry: FRONT_LINE,
          properties: expect.objectContaining({ zoneId: 'front-line', name: 'Terter and Agdam', kind: 'region', appliesToTruce: false }),
        },
      ]);
    });

    it('the truce still reads, its stream version counting the zone events', async () => {
      const res = await request(t.http()).get(`/truces/${truceId}`);
      expect(res.status).toBe(200);
      expect(res.body.streamVersion).toBe(4);
    });
  });
  describe('incidents in zones', () => {
    let truceId: string;
    const ids: Record<string, string> = {};

    const report = async (name: string, location: Record<string, unknown>) => {
      tick();
      const res = await request(t.http())
        .post(`/truces/${truceId}/incidents`)
        .set(bearer('reporter'))
        .send(aBreachBody({ location: { name, precision: 'exact', ...location } }));
      expect(res.status).toBe(201);
      ids[name] = res.body.incidentId;
    };
    const zonesOf = async (name: string) => (await request(t.http()).get(`/incidents/${ids[name]}`)).body.zones;
    const listed = async (query: Record<string, string>) => {
      const res = await request(t.http()).get(`/truces/${truceId}/incidents`).query(query);
      expect(res.status).toBe(200);
      return res;
    };
    const nameOf = (id: string) => Object.keys(ids).find((k) => ids[k] === id);

    beforeAll(async () => {
      truceId = await aTruce();
      tick();
      expect((await define(truceId, aZoneBody())).status).toBe(201);
      tick();
      expect((await define(truceId, aZoneBody({ zoneId: 'front-line', name: 'Terter and Agdam', kind: 'region', geometry: FRONT_LINE }))).status).toBe(201);
      await report('inside', { lat: 39.2, lon: 46.35 });
      await report('on-edge', { lat: 39.1, lon: 46.4 });
      await report('in-hole', { lat: 39.25, lon: 46.45 });
      await report('agdam', { lat: 40.0, lon: 46.95 });
      await report('outside', { lat: 38.0, lon: 46.4 });
      await report('no-coordinates', {});
    });

    it('GET /incidents/{id} carries the zones in force that contain its location (edges inside, holes outside)', async () => {
      expect(await zonesOf('inside')).toEqual(['kapan-area']);
      expect(await zonesOf('on-edge')).toEqual(['kapan-area']);
      expect(await zonesOf('in-hole')).toEqual([]);
      expect(await zonesOf('agdam')).toEqual(['front-line']);
      expect(await zonesOf('outside')).toEqual([]);
      expect(await zonesOf('no-coordinates')).toEqual([]);
    });

    it('incident lists carry zones and take zone=, paging through the matches', async () => {
      const all = await listed({});
      expect(all.body.items.find((i: { incidentId: string }) => i.incidentId === ids['agdam']).zones).toEqual(['front-line']);
      const first = await listed({ zone: 'kapan-area', limit: '1' });
      expect(first.body.items.map((i: { incidentId: string }) => nameOf(i.incidentId))).toEqual(['inside']);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await listed({ zone: 'kapan-area', limit: '1', cursor: first.body.nextCursor });
      expect(second.body.items.map((i: { incidentId: string }) => nameOf(i.incidentId))).toEqual(['on-edge']);
      expect(second.body.nextCursor).toBeNull();
      expect((await listed({ zone: 'front-line' })).body.items.map((i: { incidentId: string }) => nameOf(i.incidentId))).toEqual(['agdam']);
      expect((await listed({ zone: 'no-such-zone' })).body.items).toEqual([]);
    });

    it('exports take zone=', async () => {
      const csv = await request(t.http()).get(`/truces/${truceId}/incidents.csv`).query({ zone: 'kapan-area' });
      expect(csv.status).toBe(200);
      expect(parse<Record<string, string>>(csv.text, { columns: true }).map((r) => nameOf(r.event_id))).toEqual(['inside', 'on-edge']);
      const geojson = await request(t.http()).get(`/truces/${truceId}/incidents.geojson`).query({ zone: 'front-line' });
      expect(JSON.parse(geojson.text).features.map((f: { id: string }) => nameOf(f.id))).toEqual(['agdam']);
    });

    it('a retired zone is gone from incidents and filters', async () => {
      tick();
      expect((await retire(truceId, 'front-line')).status).toBe(201);
      expect(await zonesOf('agdam')).toEqual([]);
      expect((await listed({ zone: 'front-line' })).body.items).toEqual([]);
      expect(await zonesOf('inside')).toEqual(['kapan-area']);
    });
  });
});
