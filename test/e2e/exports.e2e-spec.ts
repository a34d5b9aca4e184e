import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { bearer, createTestApp, TestApp } from '../support/test-app';

// The reference case (AP via NewsClick, 10 Oct 2020),
// plus one report crafted to try a spreadsheet formula through the CSV.
describe('incident exports', () => {
  let t: TestApp;
  let truceId: string;
  let kapanId: string;
  let strikesId: string;
  let formulaId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const truce = await request(t.http())
      .post('/truces')
      .set(bearer('admin'))
      .send({
        name: 'Moscow humanitarian truce',
        parties: [
          { id: 'ARM', name: 'Armenia' },
          { id: 'AZE', name: 'Azerbaijan' },
        ],
        effectiveAt: '2020-10-10T08:00:00Z',
      });
    truceId = truce.body.truceId;
    const report = async (body: object) => {
      const res = await request(t.http()).post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(body);
      expect(res.status).toBe(201);
      return res.body.incidentId as string;
    };
    const source = [{ name: 'AP via NewsClick, 10 Oct 2020' }];
    kapanId = await report({
      reportedBy: 'ARM',
      accusedParty: 'AZE',
      occurredAt: { from: '2020-10-10T08:00:00Z', to: '2020-10-10T09:00:00Z', precision: 'hour' },
      location: { name: 'near Kapan', countryIso3: 'ARM', lat: 39.21, lon: 46.41, precision: 'near' },
      weapons: ['artillery'],
      casualties: { killed: { civilian: 1 } },
      description: 'Shelling near Kapan, "one civilian killed", per the Armenian military',
      sources: source,
    });
    strikesId = await report({
      reportedBy: 'AZE',
      accusedParty: 'ARM',
      occurredAt: { from: '2020-10-10T08:00:00Z', to: '2020-10-10T09:00:00Z', precision: 'hour' },
      location: { name: 'Terter and Agdam regions', countryIso3: 'AZE', precision: 'region' },
      weapons: ['missile'],
      sources: source,
    });
    formulaId = await report({
      reportedBy: 'AZE',
      accusedParty: 'ARM',
      occurredAt: { from: '2020-10-09T12:00:00Z', precision: 'hour' },
      location: { name: '=HYPERLINK("http://example.invalid","x")', lat: 40.0, lon: -0.5 },
      description: '+1 then @SUM(A1)',
      sources: [{ name: '-2+3' }],
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('GeoJSON: a FeatureCollection of points in [lon, lat] with flat properties; no coordinates → skipped', async () => {
    const res = await request(t.http()).get(`/truces/${truceId}/incidents.geojson`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const collection = JSON.parse(res.text);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.skipped).toBe(1);
    expect(collection.features.map((f: { id: string }) => f.id)).toEqual([kapanId, formulaId]);
    const kapan = collection.features[0];
    expect(kapan.geometry).toEqual({ type: 'Point', coordinates: [46.41, 39.21] });
    for (const feature of collection.features) {
      expect(feature.type).toBe('Feature');
      for (const value of Object.values(feature.properties)) expect(value === null || typeof value !== 'object').toBe(true);
    }
    expect(kapan.properties).toMatchObject({ accusedParty: 'AZE', reportedBy: 'ARM', killed: 1, classification: 'post_truce', verification: 'unverified' });
    expect(collection.features[1].properties.classification).toBe('pre_truce');
  });

  it('CSV: RFC 4180 with ACLED-like columns, parsed back by a real CSV parser', async () => {
    const res = await request(t.http()).get(`/truces/${truceId}/incidents.csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const rows: Record<string, string>[] = parse(res.text, { columns: true });
    expect(Object.keys(rows[0])).toEqual([
      'event_id',
      'event_date',
      'time_precision',
      'actor1',
      'actor2',
      'reported_by',
      'location',
      'admin1',
      'country_iso3',
      'latitude',
      'longitude',
      'geo_precision',
      'weapons',
      'fatalities',
      'verification',
      'classification',
      'source',
      'notes',
      'source_reliability',
      'source_credibility',
    ]);
    expect(rows.map((r) => r.event_id)).toEqual([kapanId, strikesId, formulaId]);
    expect(rows[0]).toMatchObject({
      event_date: '2020-10-10',
      actor1: 'AZE',
      actor2: 'ARM',
      location: 'near Kapan',
      latitude: '39.21',
      longitude: '46.41',
      fatalities: '1',
      classification: 'post_truce',
      notes: 'Shelling near Kapan, "one civilian killed", per the Armenian military',
    });
    expect(rows[1]).toMatchObject({ location: 'Terter and Agdam regions', latitude: '', longitude: '', weapons: 'missile' });
  });

  it('CSV: cells that a spreadsheet would run as formulas are neutralised; numbers are not', async () => {
    const res = await request(t.http()).get(`/truces/${truceId}/incidents.csv`);
    const row = parse<Record<string, string>>(res.text, { columns: true }).find((r) => r.event_id === formulaId)!;
    expect(row.location).toBe(`'=HYPERLINK("http://example.invalid","x")`);
    expect(row.notes).toBe(`'+1 then @SUM(A1)`);
    expect(row.source).toBe(`'-2+3`);
    expect(row.longitude).toBe('-0.5');
  });

  it('an unknown truce is a problem+json 404', async () => {
    const res = await request(t.http()).get('/truces/00000000-0000-4000-8000-000000000000/incidents.csv');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
