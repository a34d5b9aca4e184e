import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AP_NEWSCLICK, aTruceBody } from '../support/builders';
import { expectFieldError, expectNothingWritten, expectProblem, expectWritten, streamEvents } from '../support/expectations';
import { bearer, createTestApp, TestApp } from '../support/test-app';

// Observations (DOMAIN.md, "Observation stream"; API.md, "Observations"), on the reference truce of
// 10 October 2020 (in force 08:00Z): monitors' own entries in the OSCE SMM manner — "12 explosions
// of undetermined origin heard 3–5 km south-east" — most of them naming no party.

type Json = Record<string, unknown>;

/** POST /truces/{id}/observations body: 12 explosions heard south-east of Kapan, 20 minutes after the truce. */
function anObservationBody(overrides: Json = {}): Json {
  return {
    observedBy: 'Patrol team 3',
    observedAt: { from: '2020-10-10T08:20:00Z', precision: 'minute' },
    position: { name: 'Kapan', countryIso3: 'ARM', lat: 39.2076, lon: 46.4058, precision: 'exact' },
    kind: 'explosion',
    count: 12,
    direction: 'SE',
    distanceKm: { low: 3, high: 5 },
    assessment: 'undetermined',
    description: '12 explosions of undetermined origin heard 3–5 km south-east',
    sources: [{ name: 'Patrol team 3 log' }],
    ...overrides,
  };
}

describe('observations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ now: '2020-10-10T10:00:00Z' });
  });

  afterAll(async () => {
    await t.app.close();
  });

  const newTruce = async (): Promise<string> => {
    const res = await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody());
    expect(res.status).toBe(201);
    return res.body.truceId;
  };
  const record = (truceId: string, body: Json = anObservationBody(), role: Parameters<typeof bearer>[0] = 'reporter') =>
    request(t.http()).post(`/truces/${truceId}/observations`).set(bearer(role)).send(body);
  const recorded = async (truceId: string, overrides: Json = {}): Promise<string> => {
    const res = await record(truceId, anObservationBody(overrides));
    expect(res.status).toBe(201);
    return res.body.observationId;
  };
  const assess = (id: string, body: Json, role: Parameters<typeof bearer>[0] = 'verifier') =>
    request(t.http()).post(`/observations/${id}/assessments`).set(bearer(role)).send(body);
  const withdraw = (id: string, body: Json = { by: 'OSCE SMM', reason: 'entered twice' }, role: Parameters<typeof bearer>[0] = 'verifier') =>
    request(t.http()).post(`/observations/${id}/withdrawals`).set(bearer(role)).send(body);
  const get = (id: string) => request(t.http()).get(`/observations/${id}`);

  describe('POST /truces/{truceId}/observations', () => {
    it('records it: 201 with observationId, classification, position and streamVersion', async () => {
      const truceId = await newTruce();
      const res = await record(truceId);

      expectWritten(res, { streamVersion: 1, keys: ['observationId', 'classification'] });
      expect(res.body.classification).toBe('post_truce');
      const events = await streamEvents(t, `observation-${res.body.observationId}`);
      expect(events.map((e) => e.type)).toEqual(['ObservationRecorded']);
      expect(events[0].data).toMatchObject({ truceId, origin: 'undetermined', kind: 'explosion', count: 12, direction: 'SE' });
      expect(events[0].metadata.actor).toBe('alice-reporter');
    });

    it('classifies by observedAt: before the truce is pre_truce, straddling it ambiguous', async () => {
      const truceId = await newTruce();
      const before = await record(truceId, anObservationBody({ observedAt: { from: '2020-10-10T07:10:00Z', precision: 'minute' } }));
      const straddling = await record(
        truceId,
        anObservationBody({ observedAt: { from: '2020-10-10T07:50:00Z', to: '2020-10-10T08:10:00Z', precision: 'minute' } }),
      );
      expect([before.body.classification, straddling.body.classification]).toEqual(['pre_truce', 'ambiguous']);
    });

    it('accepts an origin that is a party of the truce, and degrees as direction', async () => {
      const truceId = await newTruce();
      const res = await record(truceId, anObservationBody({ origin: 'AZE', direction: 135, assessment: 'ceasefire_violation' }));
      expect(res.status).toBe(201);
      expect((await get(res.body.observationId)).body).toMatchObject({ origin: 'AZE', direction: 135, assessment: 'ceasefire_violation' });
    });

    it.each([
      ['no sources', { sources: undefined }, 'sources'],
      ['empty sources', { sources: [] }, 'sources'],
      ['count 0', { count: 0 }, 'count'],
      ['count as text', { count: '12' }, 'count'],
      ['an unknown kind', { kind: 'gunfire' }, 'kind'],
      ['an unknown assessment', { assessment: 'violation' }, 'assessment'],
      ['no assessment', { assessment: undefined }, 'assessment'],
      ['direction 360', { direction: 360 }, 'direction'],
      ['direction NNE', { direction: 'NNE' }, 'direction'],
      ['a negative distance', { distanceKm: { low: -1, high: 5 } }, 'distanceKm.low'],
      ['no observedBy', { observedBy: undefined }, 'observedBy'],
      ['a malformed observedAt', { observedAt: { from: 'yesterday', precision: 'minute' } }, 'observedAt.from'],
      ['a null origin', { origin: null }, 'origin'],
    ])('400 for %s, and writes nothing', async (_, overrides, field) => {
      const truceId = await newTruce();
      await expectNothingWritten(t, [`truce-${truceId}`], async () => {
        expectFieldError(await record(truceId, anObservationBody(overrides)), field);
      });
    });

    it('422 for an origin that is not a party of the truce, and writes nothing', async () => {
      const truceId = await newTruce();
      await expectNothingWritten(t, [`truce-${truceId}`], async () => {
        expectProblem(await record(truceId, anObservationBody({ origin: 'RUS' })), 422, 'TRUCE.NOT_A_PARTY');
      });
    });

    it('422 for a distance range with low above high, and writes nothing', async () => {
      const truceId = await newTruce();
      await expectNothingWritten(t, [`truce-${truceId}`], async () => {
        expectProblem(await record(truceId, anObservationBody({ distanceKm: { low: 5, high: 3 } })), 422, 'OBSERVATION.DISTANCE_RANGE');
      });
    });

    it('401 without a key, 404 for an unknown truce; neither writes', async () => {
      const truceId = await newTruce();
      await expectNothingWritten(t, [`truce-${truceId}`], async () => {
        expectProblem(await request(t.http()).post(`/truces/${truceId}/observations`).send(anObservationBody()), 401);
        expectProblem(await record('00000000-0000-4000-8000-000000000000'), 404, 'TRUCE.NOT_FOUND');
      });
    });

    it('an Idempotency-Key repeat returns the first response and appends nothing', async () => {
      const truceId = await newTruce();
      const send = (body: Json) => request(t.http()).post(`/truces/${truceId}/observations`).set(bearer('reporter')).set('Idempotency-Key', 'obs-1').send(body);
      const first = await send(anObservationBody());
      expect(first.status).toBe(201);
      const again = await send(anObservationBody());
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      const list = await request(t.http()).get(`/truces/${truceId}/observations`);
      expect(list.body.items).toHaveLength(1);
      expectProblem(await send(anObservationBody({ count: 13 })), 422, 'IDEMPOTENCY.KEY_REUSED');
    });
  });

  describe('GET /observations/{observationId}', () => {
    it('answers the observation with classification, zones, assessmentHistory, withdrawn, recordedAt, streamVersion', async () => {
      const truceId = await newTruce();
      const id = await recorded(truceId, {
        estimatedLocation: { name: 'south-east of Kapan', lat: 39.18, lon: 46.44, precision: 'near' },
        weapons: ['artillery'],
      });
      const res = await get(id);

      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        observationId: id,
        truceId,
        observedBy: 'Patrol team 3',
        observedAt: { from: '2020-10-10T08:20:00.000Z', precision: 'minute' },
        position: { name: 'Kapan', lat: 39.2076, lon: 46.4058 },
        kind: 'explosion',
        count: 12,
        direction: 'SE',
        distanceKm: { low: 3, high: 5 },
        estimatedLocation: { name: 'south-east of Kapan', lat: 39.18, lon: 46.44 },
        weapons: ['artillery'],
        origin: 'undetermined',
        assessment: 'undetermined',
        classification: 'post_truce',
        zones: [],
        assessmentHistory: [],
        withdrawn: false,
        recordedAt: '2020-10-10T10:00:00.000Z',
        streamVersion: 1,
      });
      expect(res.body.sources).toEqual([{ name: 'Patrol team 3 log' }]);
    });

    it('404 for an unknown observation, and for an id that is not a uuid', async () => {
      expectProblem(await get('00000000-0000-4000-8000-000000000000'), 404, 'OBSERVATION.NOT_FOUND');
      expectProblem(await get('not-a-uuid'), 404);
    });
  });

  describe('POST /observations/{id}/assessments', () => {
    it('records a finding (verifier): the latest counts, every one is in assessmentHistory', async () => {
      const truceId = await newTruce();
      const id = await recorded(truceId);
      expectWritten(await assess(id, { origin: 'AZE', by: 'OSCE SMM' }), { streamVersion: 2 });
      expectWritten(await assess(id, { assessment: 'ceasefire_violation', by: 'OSCE SMM', note: 'crater analysis' }), { streamVersion: 3 });

      const res = await get(id);
      expect(res.body).toMatchObject({ origin: 'AZE', assessment: 'ceasefire_violation', streamVersion: 3 });
      expect(res.body.assessmentHistory).toEqual([
        { origin: 'AZE', by: 'OSCE SMM', note: null, recordedAt: '2020-10-10T10:00:00.000Z' },
        { assessment: 'ceasefire_violation', by: 'OSCE SMM', note: 'crater analysis', recordedAt: '2020-10-10T10:00:00.000Z' },
      ]);
    });

    it('400 without origin or assessment, or without by; 403 for a reporter; none writes', async () => {
      const truceId = await newTruce();
      const id = await recorded(truceId);
      await expectNothingWritten(t, [`observation-${id}`], async () => {
        expectFieldError(await assess(id, { by: 'OSCE SMM', note: 'nothing new' }), 'assessment');
        expectFieldError(await assess(id, { assessment: 'not_a_violation' }), 'by');
        expectFieldError(await assess(id, { assessment: 'violation', by: 'OSCE SMM' }), 'assessment');
        expectProblem(await assess(id, { assessment: 'not_a_violation', by: 'OSCE SMM' }, 'reporter'), 403);
      });
    });

    it('422 for an origin not a party of the truce; 404 for an unknown observation; neither writes', async () => {
      const truceId = await newTruce();
      const id = await recorded(truceId);
      await expectNothingWritten(t, [`observation-${id}`], async () => {
        expectProblem(await assess(id, { origin: 'RUS', by: 'OSCE SMM' }), 422, 'TRUCE.NOT_A_PARTY');
        expectProblem(await assess('00000000-0000-4000-8000-000000000000', { origin: 'ARM', by: 'OSCE SMM' }), 404, 'OBSERVATION.NOT_FOUND');
      });
    });

    it('If-Match: the version read passes, another is 409 and writes nothing', async () => {
      const truceId = await newTruce();
      const id = await recorded(truceId);
      await expectNothingWritten(t, [`observation-${id}`], async () => {
        const stale = await assess(id, { assessment: 'not_a_violation', by: 'OSCE SMM' }).set('If-Match', '"7"');
        expectProblem(stale, 409, 'STREAM.VERSION_CONFLICT');
      });
      expectWritten(await assess(id, { assessment: 'not_a_violation', by: 'OSCE SMM' }).set('If-Match', '"1"'), { streamVersion: 2 });
    });
  });

  describe('POST /observations/{id}/withdrawals', () => {
    it('withdraws it (verifier); it then takes no more findings nor a second withdrawal (422, nothing written)', async () => {
      const truceId = await newTruce();
      const id = await recorded(truceId);
      expectWritten(await withdraw(id), { streamVersion: 2 });
      const res = await get(id);
      expect(res.body).toMatchObject({ withdrawn: true, withdrawal: { by: 'OSCE SMM', reason: 'entered twice' }, streamVersion: 2 });

      await expectNothingWritten(t, [`observation-${id}`], async () => {
        expectProblem(await assess(id, { assessment: 'ceasefire_violation', by: 'OSCE SMM' }), 422, 'OBSERVATION.WITHDRAWN');
        expectProblem(await withdraw(id), 422, 'OBSERVATION.WITHDRAWN');
      });
    });

    it('400 without a reason, 403 for a reporter, 404 for an unknown observation; none writes', async () => {
      const truceId = await newTruce();
      const id = await recorded(truceId);
      await expectNothingWritten(t, [`observation-${id}`], async () => {
        expectFieldError(await withdraw(id, { by: 'OSCE SMM' }), 'reason');
        expectProblem(await withdraw(id, undefined, 'reporter'), 403);
        expectProblem(await withdraw('00000000-0000-4000-8000-000000000000'), 404, 'OBSERVATION.NOT_FOUND');
      });
    });
  });

  describe('GET /truces/{truceId}/observations', () => {
    let truceId: string;
    let ids: Record<string, string>;

    beforeAll(async () => {
      truceId = await newTruce();
      ids = {
        explosion: await recorded(truceId),
        drone: await recorded(truceId, { kind: 'drone_flight', count: 1, observedAt: { from: '2020-10-10T09:00:00Z', precision: 'minute' } }),
        armour: await recorded(truceId, { kind: 'armour_movement', count: 3, origin: 'ARM', observedAt: { from: '2020-10-11T06:00:00Z', precision: 'hour' } }),
      };
      expect((await assess(ids.drone, { assessment: 'ceasefire_violation', origin: 'AZE', by: 'OSCE SMM' })).status).toBe(201);
    });

    const list = (query: string) => request(t.http()).get(`/truces/${truceId}/observations${query}`);
    const idsOf = (res: request.Response) => res.body.items.map((o: { observationId: string }) => o.observationId);

    it('lists them in the order recorded', async () => {
      const res = await list('');
      expect(res.status).toBe(200);
      expect(idsOf(res)).toEqual([ids.explosion, ids.drone, ids.armour]);
      expect(res.body.nextCursor).toBeNull();
      expect(res.body.items[1]).toMatchObject({ assessment: 'ceasefire_violation', origin: 'AZE', zones: [], classification: 'post_truce' });
    });

    it('filters by kind, origin (the latest finding), assessment, and observation time from/to', async () => {
      expect(idsOf(await list('?kind=drone_flight'))).toEqual([ids.drone]);
      expect(idsOf(await list('?origin=AZE'))).toEqual([ids.drone]);
      expect(idsOf(await list('?origin=undetermined'))).toEqual([ids.explosion]);
      expect(idsOf(await list('?assessment=undetermined'))).toEqual([ids.explosion, ids.armour]);
      expect(idsOf(await list('?from=2020-10-10T09:00:00Z&to=2020-10-11T00:00:00Z'))).toEqual([ids.drone]);
    });

    it('pages with limit and cursor', async () => {
      const first = await list('?limit=2');
      expect(idsOf(first)).toEqual([ids.explosion, ids.drone]);
      const second = await list(`?limit=2&cursor=${first.body.nextCursor}`);
      expect(idsOf(second)).toEqual([ids.armour]);
      expect(second.body.nextCursor).toBeNull();
    });

    it('zone= matches nothing while no zone contains an observation', async () => {
      expect(idsOf(await list('?zone=kapan-buffer'))).toEqual([]);
    });

    it('carries the zones containing estimatedLocation (before position), and zone= finds it; a retired zone is gone', async () => {
      // A square around Kapan; the monitors' own position (Goris) lies outside it.
      const kapanArea = {
        type: 'Polygon',
        coordinates: [
          [
            [46.3, 39.1],
            [46.5, 39.1],
            [46.5, 39.3],
            [46.3, 39.3],
            [46.3, 39.1],
          ],
        ],
      };
      const goris = { name: 'Goris', countryIso3: 'ARM', lat: 39.5111, lon: 46.3386, precision: 'exact' };
      const truceId = await newTruce();
      const zone = await request(t.http())
        .post(`/truces/${truceId}/zones`)
        .set(bearer('verifier'))
        .send({ zoneId: 'kapan-area', name: 'Kapan area', kind: 'area_of_responsibility', geometry: kapanArea });
      expect(zone.status).toBe(201);
      const estimated = await recorded(truceId, { position: goris, estimatedLocation: { name: 'near Kapan', lat: 39.2, lon: 46.4, precision: 'near' } });
      const heardOnly = await recorded(truceId, { position: goris });
      const inZone = () => request(t.http()).get(`/truces/${truceId}/observations?zone=kapan-area`);
      expect((await get(estimated)).body.zones).toEqual(['kapan-area']);
      expect((await get(heardOnly)).body.zones).toEqual([]);
      expect((await inZone()).body.items.map((o: { observationId: string }) => o.observationId)).toEqual([estimated]);

      const retired = await request(t.http()).post(`/truces/${truceId}/zones/kapan-area/retire`).set(bearer('verifier')).send({ reason: 'Redrawn' });
      expect(retired.status).toBe(201);
      expect((await get(estimated)).body.zones).toEqual([]);
      expect((await inZone()).body.items).toEqual([]);
    });

    it('400 for a bad filter; 404 for an unknown truce', async () => {
      expectFieldError(await list('?kind=gunfire'), 'kind');
      expectFieldError(await list('?assessment=violation'), 'assessment');
      expectFieldError(await list('?limit=0'), 'limit');
      expectFieldError(await list('?from=yesterday'), 'from');
      expectProblem(await list('?cursor=bogus'), 400);
      expectProblem(await request(t.http()).get('/truces/00000000-0000-4000-8000-000000000000/observations'), 404, 'TRUCE.NOT_FOUND');
    });
  });

  describe('exports', () => {
    let truceId: string;
    let withEstimate: string;
    let positionOnly: string;

    beforeAll(async () => {
      truceId = await newTruce();
      withEstimate = await recorded(truceId, { estimatedLocation: { name: 'south-east of Kapan', lat: 39.18, lon: 46.44, precision: 'near' } });
      positionOnly = await recorded(truceId, { kind: 'burst_of_fire', description: '=HYPERLINK("http://example.invalid","x")' });
      await recorded(truceId, { position: { name: 'Agdam region', precision: 'region' }, kind: 'damage', count: 1 });
    });

    it('GeoJSON: [lon, lat] of estimatedLocation, else position; those without coordinates counted in skipped', async () => {
      const res = await request(t.http()).get(`/truces/${truceId}/observations.geojson`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
      const body = JSON.parse(res.text);
      expect(body.type).toBe('FeatureCollection');
      expect(body.skipped).toBe(1);
      expect(body.features.map((f: { id: string }) => f.id)).toEqual([withEstimate, positionOnly]);
      expect(body.features[0].geometry).toEqual({ type: 'Point', coordinates: [46.44, 39.18] });
      expect(body.features[1].geometry).toEqual({ type: 'Point', coordinates: [46.4058, 39.2076] });
      expect(body.features[0].properties).toMatchObject({
        kind: 'explosion',
        count: 12,
        origin: 'undetermined',
        classification: 'post_truce',
        withdrawn: false,
      });
    });

    it('GeoJSON takes the list filters', async () => {
      const body = JSON.parse((await request(t.http()).get(`/truces/${truceId}/observations.geojson?kind=burst_of_fire`)).text);
      expect(body.features.map((f: { id: string }) => f.id)).toEqual([positionOnly]);
    });

    it('CSV: a header and one row per observation, formulas neutralised', async () => {
      const res = await request(t.http()).get(`/truces/${truceId}/observations.csv`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toContain(`truce-${truceId}-observations.csv`);
      const rows: Record<string, string>[] = parse(res.text, { columns: true });
      expect(rows.map((r) => r.event_id)).toEqual([withEstimate, positionOnly, expect.any(String)]);
      expect(rows[0]).toMatchObject({ event_date: '2020-10-10', kind: 'explosion', count: '12', latitude: '39.18', longitude: '46.44', direction: 'SE' });
      expect(rows[1].notes).toBe(`'=HYPERLINK("http://example.invalid","x")`);
      expect(rows[2]).toMatchObject({ latitude: '', longitude: '', location: 'Agdam region' });
      // No source of these is graded.
      expect(rows.map((r) => [r.source_reliability, r.source_credibility])).toEqual([
        ['', ''],
        ['', ''],
        ['', ''],
      ]);
    });

    it('CSV: the grades of the best-graded source', async () => {
      const graded = await recorded(truceId, {
        sources: [
          { name: 'Hearsay', kind: 'social_media', reliability: 'E', credibility: 5 },
          { name: 'Patrol team 3 log', kind: 'monitor', reliability: 'A', credibility: 2, firstHand: true },
        ],
      });
      const rows: Record<string, string>[] = parse((await request(t.http()).get(`/truces/${truceId}/observations.csv`)).text, { columns: true });
      expect(rows.find((r) => r.event_id === graded)).toMatchObject({ source_reliability: 'A', source_credibility: '2' });
    });

    it('404 for an unknown truce, 400 for a bad filter', async () => {
      expectProblem(await request(t.http()).get('/truces/00000000-0000-4000-8000-000000000000/observations.csv'), 404, 'TRUCE.NOT_FOUND');
      expectFieldError(await request(t.http()).get(`/truces/${truceId}/observations.geojson?assessment=violation`), 'assessment');
    });
  });

  describe('the truce record: status, counts, as-of, history, rebuild', () => {
    const summary = (truceId: string, query = '') => request(t.http()).get(`/truces/${truceId}${query}`);

    afterEach(() => t.clock.set('2020-10-10T10:00:00Z'));

    it('counts post-truce, non-withdrawn observations as records, by kind and assessment; the rest count nowhere', async () => {
      const truceId = await newTruce();
      await recorded(truceId, { count: 12 });
      await recorded(truceId, { kind: 'drone_flight', count: 2, origin: 'AZE' });
      await recorded(truceId, { observedAt: { from: '2020-10-10T07:10:00Z', precision: 'minute' }, assessment: 'ceasefire_violation' });
      const withdrawn = await recorded(truceId, { kind: 'damage' });
      expect((await withdraw(withdrawn)).status).toBe(201);

      const res = await summary(truceId);
      expect(res.status).toBe(200);
      expect(res.body.counts.observations).toEqual({
        total: 2,
        byKind: {
          explosion: 1,
          burst_of_fire: 0,
          shelling_impact: 0,
          drone_flight: 1,
          armour_movement: 0,
          weapon_position: 0,
          damage: 0,
          restriction_of_movement: 0,
          other: 0,
        },
        byAssessment: { ceasefire_violation: 0, not_a_violation: 0, undetermined: 2 },
      });
      expect(res.body.tally.map((p: { id: string; observations: number }) => [p.id, p.observations])).toEqual([
        ['ARM', 0],
        ['AZE', 1],
      ]);
      // A pre-truce observation assessed as a violation is no violation of this truce.
      expect(res.body.status).toBe('holding');
      expect(res.body.counts.breaches).toBe(0);
    });

    it('violated once a post-truce observation is assessed ceasefire_violation; at and asOf see it only when it holds', async () => {
      const truceId = await newTruce();
      const id = await recorded(truceId);
      t.clock.set('2020-10-10T11:00:00Z');
      expect((await assess(id, { assessment: 'ceasefire_violation', origin: 'AZE', by: 'OSCE SMM' })).status).toBe(201);

      expect((await summary(truceId)).body).toMatchObject({ status: 'violated', counts: { breaches: 0, observations: { total: 1 } } });
      // Before it was observed (08:20) in the world…
      expect((await summary(truceId, '?at=2020-10-10T08:10:00Z')).body.status).toBe('holding');
      // …and before the finding was recorded (11:00) in the log.
      const before = await summary(truceId, '?asOf=2020-10-10T10:30:00Z');
      expect(before.body).toMatchObject({ status: 'holding', counts: { observations: { byAssessment: { undetermined: 1, ceasefire_violation: 0 } } } });

      t.clock.set('2020-10-10T12:00:00Z');
      expect((await withdraw(id)).status).toBe(201);
      expect((await summary(truceId)).body).toMatchObject({ status: 'holding', counts: { observations: { total: 0 } } });
      expect((await summary(truceId, '?asOf=2020-10-10T11:30:00Z')).body.status).toBe('violated');
    });

    it('after the truce collapsed, an observation is after_end and counts nowhere', async () => {
      const truceId = await newTruce();
      const collapse = await request(t.http())
        .post(`/truces/${truceId}/collapse`)
        .set(bearer('admin'))
        .send({ declaredBy: 'ARM', reason: 'fighting resumed', at: '2020-10-10T09:00:00Z' });
      expect(collapse.status).toBe(201);
      const res = await record(
        truceId,
        anObservationBody({ observedAt: { from: '2020-10-10T09:30:00Z', precision: 'minute' }, assessment: 'ceasefire_violation' }),
      );
      expect(res.body.classification).toBe('after_end');
      expect((await get(res.body.observationId)).body.classification).toBe('after_end');
      // Made by now (10:00), but after the end: not counted, not a violation of this truce.
      expect((await summary(truceId)).body).toMatchObject({
        status: 'collapsed',
        counts: { observations: { total: 0, byAssessment: { ceasefire_violation: 0 } } },
      });
    });

    it('a lifecycle rule outranks it: a suspended truce stays suspended', async () => {
      const truceId = await newTruce();
      await recorded(truceId, { assessment: 'ceasefire_violation' });
      const suspend = await request(t.http())
        .post(`/truces/${truceId}/suspend`)
        .set(bearer('admin'))
        .send({ by: 'Russia', reason: 'talks broke off', at: '2020-10-10T09:00:00Z' });
      expect(suspend.status).toBe(201);
      expect((await summary(truceId)).body.status).toBe('suspended');
      expect((await summary(truceId, '?at=2020-10-10T08:30:00Z')).body.status).toBe('violated');
    });

    it('GET /truces lists the same status and counts', async () => {
      const truceId = await newTruce();
      await recorded(truceId, { assessment: 'ceasefire_violation' });
      const page = await request(t.http()).get('/truces?limit=1');
      expect(page.body.items[0]).toMatchObject({ truceId, status: 'violated', counts: { observations: { total: 1 } } });
    });

    it('the truce history holds the observation events, in global order', async () => {
      const truceId = await newTruce();
      const id = await recorded(truceId);
      await assess(id, { origin: 'ARM', by: 'OSCE SMM' });
      await withdraw(id);
      const res = await request(t.http()).get(`/truces/${truceId}/history`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((e: { type: string }) => e.type)).toEqual([
        'TruceAgreed',
        'ObservationRecorded',
        'ObservationAssessed',
        'ObservationWithdrawn',
      ]);
      expect(res.body.items.slice(1).every((e: { streamId: string }) => e.streamId === `observation-${id}`)).toBe(true);
    });

    it('a rebuild reproduces the observation read model', async () => {
      const truceId = await newTruce();
      const id = await recorded(truceId);
      await assess(id, { assessment: 'not_a_violation', by: 'OSCE SMM' });
      const before = (await get(id)).body;
      const rebuild = await request(t.http()).post('/admin/projections/rebuild').set(bearer('admin'));
      expect(rebuild.status).toBeLessThan(300);
      expect(rebuild.body.events).toBeGreaterThan(0);
      expect((await get(id)).body).toEqual(before);
      expect((await request(t.http()).get(`/truces/${truceId}/observations`)).body.items).toEqual([before]);
    });

    it('a rebuild reproduces every observation_view row exactly, and keeps the index the migration named', async () => {
      const truceId = await newTruce();
      const first = await recorded(truceId);
      await recorded(truceId, { kind: 'drone_flight', origin: 'ARM' });
      await assess(first, { assessment: 'ceasefire_violation', by: 'OSCE SMM' });
      await withdraw(first);
      const dataSource = t.app.get(DataSource);
      const rows = async () =>
        JSON.parse(JSON.stringify(await dataSource.query('SELECT * FROM observation_view WHERE truce_id = $1 ORDER BY position', [truceId])));
      const live = await rows();
      expect(live).toHaveLength(2);

      expect((await request(t.http()).post('/admin/projections/rebuild').set(bearer('admin'))).status).toBeLessThan(300);
      expect(await rows()).toEqual(live);
      const indexes = await dataSource.query(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'observation_view' ORDER BY indexname",
      );
      expect(indexes.map((i: { indexname: string }) => i.indexname)).toEqual(['observation_view_by_truce', 'observation_view_pkey']);
    });
  });

  it('keeps each source as given, url included', async () => {
    const truceId = await newTruce();
    const id = await recorded(truceId, { sources: [AP_NEWSCLICK] });
    expect((await get(id)).body.sources).toEqual([AP_NEWSCLICK]);
  });
});
