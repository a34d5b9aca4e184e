/**
 * The OpenAPI document (API.md: "OpenAPI at /docs (UI) and /docs-json must describe all of it,
 * generated from the code") and the health probes.
 *
 * Which API.md operations the app serves is read from the app's own router, so this spec
 * follows the controllers as they grow: every API.md operation the app serves must be in
 * /docs-json, and everything /docs-json describes must be served.
 */
import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

type Method = 'get' | 'post';
type Operation = `${Method} ${string}`;

/** Every operation API.md names, in OpenAPI path syntax. */
const API_MD_OPERATIONS: Operation[] = [
  'post /truces',
  'get /truces',
  'get /truces/{truceId}',
  'post /truces/{truceId}/effective-time',
  'post /truces/{truceId}/suspend',
  'post /truces/{truceId}/resume',
  'post /truces/{truceId}/collapse',
  'post /truces/{truceId}/end',
  'post /truces/{truceId}/milestones',
  'get /truces/{truceId}/history',
  'post /truces/{truceId}/incidents',
  'get /truces/{truceId}/incidents',
  'get /incidents/{incidentId}',
  'post /incidents/{incidentId}/denials',
  'post /incidents/{incidentId}/casualty-revisions',
  'post /incidents/{incidentId}/retractions',
  'post /incidents/{incidentId}/verifications',
  'post /incidents/{incidentId}/attributions',
  'get /truces/{truceId}/incidents.geojson',
  'get /truces/{truceId}/incidents.csv',
  'get /events',
  'get /streams/{streamId}/events',
  'get /events/live',
  'get /integrity',
  'post /admin/projections/rebuild',
  'get /health/live',
  'get /health/ready',
  'get /metrics',
];

/** What the five core controllers serve (truces, incidents, events, projections, health). */
const CORE_OPERATIONS: Operation[] = [
  'post /truces',
  'get /truces',
  'get /truces/{truceId}',
  'get /truces/{truceId}/history',
  'post /truces/{truceId}/collapse',
  'post /truces/{truceId}/end',
  'post /truces/{truceId}/incidents',
  'get /truces/{truceId}/incidents',
  'get /incidents/{incidentId}',
  'post /incidents/{incidentId}/denials',
  'post /incidents/{incidentId}/verifications',
  'get /events',
  'get /streams/{streamId}/events',
  'get /integrity',
  'post /admin/projections/rebuild',
  'get /health/live',
  'get /health/ready',
];

/** The routes the app's Express router serves, as `method /openapi/{path}`. */
function servedOperations(t: TestApp): Set<Operation> {
  const express = t.app.getHttpAdapter().getInstance();
  const stack: any[] = (express.router ?? express._router).stack;
  const served = new Set<Operation>();
  for (const layer of stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    const path = layer.route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    for (const method of Object.keys(layer.route.methods)) served.add(`${method.toLowerCase()} ${path}` as Operation);
  }
  return served;
}

function documentedOperations(doc: any): Set<Operation> {
  const ops = new Set<Operation>();
  for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
    for (const method of Object.keys(item)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) ops.add(`${method} ${path}` as Operation);
    }
  }
  return ops;
}

describe('OpenAPI and health (e2e)', () => {
  let t: TestApp;
  let doc: any;

  beforeAll(async () => {
    t = await createTestApp();
    const res = await request(t.http()).get('/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });

  afterAll(async () => {
    await t?.app.close();
  });

  it('GET /docs-json is an OpenAPI 3 document', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('ceasefire-monitor');
    expect(typeof doc.paths).toBe('object');
  });

  it('the core controllers serve their API.md operations and /docs-json describes each', () => {
    const served = servedOperations(t);
    const documented = documentedOperations(doc);
    expect(CORE_OPERATIONS.filter((op) => !served.has(op))).toEqual([]);
    expect(CORE_OPERATIONS.filter((op) => !documented.has(op))).toEqual([]);
  });

  it('describes every API.md operation the app serves', () => {
    const served = servedOperations(t);
    const documented = documentedOperations(doc);
    const servedFromApiMd = API_MD_OPERATIONS.filter((op) => served.has(op));
    expect(servedFromApiMd.length).toBeGreaterThanOrEqual(CORE_OPERATIONS.length);
    expect(servedFromApiMd.filter((op) => !documented.has(op))).toEqual([]);
  });

  it('describes only operations the app serves', () => {
    const served = servedOperations(t);
    expect([...documentedOperations(doc)].filter((op) => !served.has(op))).toEqual([]);
  });

  it('marks writes as needing a bearer key and documents their bodies', () => {
    const agree = doc.paths['/truces'].post;
    expect(agree.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
    const schemaRef: string = agree.requestBody.content['application/json'].schema.$ref;
    const schema = doc.components.schemas[schemaRef.split('/').pop()!];
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'parties', 'effectiveAt']));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['mediators', 'purposes', 'effectiveAtSource', 'endsAt', 'terms', 'sources']),
    );

    const report = doc.paths['/truces/{truceId}/incidents'].post;
    expect(report.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
    const reportRef: string = report.requestBody.content['application/json'].schema.$ref;
    const reportSchema = doc.components.schemas[reportRef.split('/').pop()!];
    expect(reportSchema.required).toEqual(expect.arrayContaining(['reportedBy', 'accusedParty', 'occurredAt', 'location', 'sources']));

    expect(doc.paths['/admin/projections/rebuild'].post.security).toEqual(expect.arrayContaining([{ bearer: [] }]));
    expect(doc.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  });

  it('documents the query parameters of the reads', () => {
    const params = (path: string) => (doc.paths[path].get.parameters ?? []).map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(params('/truces/{truceId}')).toEqual(expect.arrayContaining(['path:truceId', 'query:at', 'query:asOf', 'query:minPosition']));
    expect(params('/events')).toEqual(expect.arrayContaining(['query:after', 'query:limit', 'query:type', 'query:streamId']));
    expect(params('/truces/{truceId}/incidents')).toEqual(
      expect.arrayContaining(['query:accused', 'query:reportedBy', 'query:verification', 'query:classification', 'query:from', 'query:to', 'query:limit', 'query:cursor']),
    );
  });

  it('GET /docs serves the Swagger UI as HTML', async () => {
    const res = await request(t.http()).get('/docs');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/swagger/i);
  });

  it('GET /health/live answers 200', async () => {
    const res = await request(t.http()).get('/health/live');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  it('GET /health/ready answers 200 with the database up and migrations applied', async () => {
    const res = await request(t.http()).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.migrations.status).toBe('up');
  });
});
