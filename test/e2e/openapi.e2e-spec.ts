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
  'get /checkpoint',
  'get /checkpoint/key',
  'get /proofs/inclusion',
  'get /proofs/consistency',
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

/** The routes the app's HTTP server serves, as `method /openapi/{path}` (HEAD is Fastify's own twin of each GET). */
function servedOperations(t: TestApp): Set<Operation> {
  const served = new Set<Operation>();
  for (const { method, url } of t.routes) {
    if (method === 'HEAD') continue;
    served.add(`${method.toLowerCase()} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}` as Operation);
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
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['mediators', 'purposes', 'effectiveAtSource', 'endsAt', 'terms', 'sources']));

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
      expect.arrayContaining([
        'query:accused',
        'query:reportedBy',
        'query:verification',
        'query:classification',
        'query:from',
        'query:to',
        'query:limit',
        'query:cursor',
      ]),
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
  // ---- Response bodies, headers and errors (API.md, "Conventions") ----

  /** A schema with its $ref (or a lone allOf: [$ref] wrapper) followed to the component. */
  const resolve = (schema: any): any => {
    if (schema?.$ref) return doc.components.schemas[schema.$ref.split('/').pop()];
    if (schema?.allOf?.length === 1 && !schema.properties) return resolve(schema.allOf[0]);
    return schema;
  };
  const operation = (path: string, method: Method) => doc.paths[path][method];
  const bodySchema = (path: string, method: Method, status: string, type = 'application/json') =>
    resolve(operation(path, method).responses[status]?.content?.[type]?.schema);
  const property = (schema: any, name: string) => resolve(schema.properties[name]);
  const itemsOf = (schema: any, name: string) => {
    expect(schema.properties[name].type).toBe('array');
    return resolve(schema.properties[name].items);
  };
  const headerParams = (path: string, method: Method) =>
    (operation(path, method).parameters ?? []).filter((p: { in: string }) => p.in === 'header').map((p: { name: string }) => p.name);
  const allOperations = (): { path: string; method: string; op: any }[] =>
    Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => ({ path, method, op })),
    );
  const posts = () => allOperations().filter((o) => o.method === 'post');

  it('describes the body of GET /truces/{truceId}: the TruceSummary with status, counts and tally', () => {
    const summary = bodySchema('/truces/{truceId}', 'get', '200');
    expect(summary).toBeDefined();
    expect(Object.keys(summary.properties)).toEqual(
      expect.arrayContaining([
        'truceId',
        'name',
        'parties',
        'effectiveAt',
        'status',
        'at',
        'asOf',
        'lastBreachAt',
        'counts',
        'tally',
        'milestones',
        'streamVersion',
      ]),
    );
    expect(summary.required).toEqual(expect.arrayContaining(['status', 'counts', 'tally']));
    expect(property(summary, 'status').enum).toEqual(
      expect.arrayContaining(['pending', 'holding', 'contested', 'violated', 'suspended', 'collapsed', 'ended']),
    );
    const counts = property(summary, 'counts');
    expect(Object.keys(counts.properties)).toEqual(expect.arrayContaining(['breaches', 'ambiguous', 'preTruce', 'denied', 'byVerification']));
    expect(Object.keys(property(counts, 'byVerification').properties).sort()).toEqual(['confirmed', 'corroborated', 'inconclusive', 'refuted', 'unverified']);
    const tally = itemsOf(summary, 'tally');
    expect(Object.keys(tally.properties)).toEqual(
      expect.arrayContaining(['id', 'name', 'reportsMade', 'accusedIn', 'deniedCount', 'byVerification', 'casualtiesAlleged']),
    );
    expect(Object.keys(property(tally, 'casualtiesAlleged').properties).sort()).toEqual(['injured', 'killed']);

    const page = bodySchema('/truces', 'get', '200');
    expect(itemsOf(page, 'items')).toBe(summary);
    expect(page.properties.nextCursor).toEqual(expect.objectContaining({ type: 'string', nullable: true }));
  });

  it('describes the body of GET /incidents/{incidentId} and of the incident list', () => {
    const incident = bodySchema('/incidents/{incidentId}', 'get', '200');
    expect(incident).toBeDefined();
    expect(Object.keys(incident.properties)).toEqual(
      expect.arrayContaining([
        'incidentId',
        'truceId',
        'reportedBy',
        'accusedParty',
        'occurredAt',
        'location',
        'weapons',
        'casualties',
        'description',
        'sources',
        'classification',
        'verification',
        'attribution',
        'denials',
        'retracted',
        'respondsTo',
        'recordedAt',
        'streamVersion',
      ]),
    );
    expect(property(incident, 'classification').enum).toEqual(expect.arrayContaining(['post_truce', 'pre_truce', 'ambiguous']));
    expect(Object.keys(property(incident, 'verification').properties)).toEqual(expect.arrayContaining(['status', 'history']));
    expect(Object.keys(itemsOf(incident, 'denials').properties)).toEqual(expect.arrayContaining(['deniedBy', 'statement', 'characterization', 'recordedAt']));

    const page = bodySchema('/truces/{truceId}/incidents', 'get', '200');
    expect(itemsOf(page, 'items')).toBe(incident);
    expect(Object.keys(page.properties)).toContain('nextCursor');
  });

  it('describes the body of GET /events ({items, nextAfter}), of a stream, of /integrity and of a rebuild', () => {
    const page = bodySchema('/events', 'get', '200');
    expect(page.required).toEqual(expect.arrayContaining(['items', 'nextAfter']));
    expect(page.properties.nextAfter.type).toBe('integer');
    const event = itemsOf(page, 'items');
    expect(Object.keys(event.properties).sort()).toEqual(
      ['data', 'hash', 'logIndex', 'metadata', 'position', 'prevHash', 'recordedAt', 'schemaVersion', 'streamId', 'streamVersion', 'type'].sort(),
    );
    expect(itemsOf(bodySchema('/streams/{streamId}/events', 'get', '200'), 'items')).toBe(event);
    expect(itemsOf(bodySchema('/truces/{truceId}/history', 'get', '200'), 'items')).toBe(event);

    const integrity = bodySchema('/integrity', 'get', '200');
    expect(Object.keys(integrity.properties)).toEqual(expect.arrayContaining(['ok', 'checkedEvents', 'headPosition', 'digest', 'firstBroken', 'checkpoint']));
    expect(integrity.required).not.toContain('firstBroken');
    expect(Object.keys(bodySchema('/admin/projections/rebuild', 'post', '200').properties).sort()).toEqual(['durationMs', 'events']);
  });

  it('every POST documents its success body (201, or 200 for a rebuild or an import) and Idempotency-Key', () => {
    expect(posts().length).toBeGreaterThanOrEqual(API_MD_OPERATIONS.filter((op) => op.startsWith('post ')).length);
    for (const { path } of posts()) {
      const success = ['/admin/projections/rebuild', '/admin/imports'].includes(path) ? '200' : '201';
      expect({ path, body: bodySchema(path, 'post', success) }).toEqual({ path, body: expect.objectContaining({ type: 'object' }) });
      expect({ path, headers: headerParams(path, 'post') }).toEqual({ path, headers: expect.arrayContaining(['Idempotency-Key']) });
    }
  });

  it('writes answer {position, streamVersion} (plus the new id on creates) with an ETag, and take If-Match on existing streams', () => {
    const creates: Record<string, string[]> = {
      '/truces': ['truceId'],
      '/truces/{truceId}/incidents': ['incidentId', 'classification'],
    };
    const writes = API_MD_OPERATIONS.filter((op) => op.startsWith('post ') && op !== 'post /admin/projections/rebuild').map((op) => op.slice(5));
    for (const path of writes) {
      const created = operation(path, 'post').responses['201'];
      const body = resolve(created.content['application/json'].schema);
      expect({ path, required: body.required }).toEqual({ path, required: expect.arrayContaining(['position', 'streamVersion', ...(creates[path] ?? [])]) });
      expect({ path, etag: created.headers?.ETag }).toEqual({ path, etag: expect.objectContaining({ schema: expect.objectContaining({ type: 'string' }) }) });
      const headers = headerParams(path, 'post');
      if (creates[path]) expect({ path, headers }).toEqual({ path, headers: expect.not.arrayContaining(['If-Match']) });
      else expect({ path, headers }).toEqual({ path, headers: expect.arrayContaining(['If-Match']) });
      const statuses = Object.keys(operation(path, 'post').responses);
      const expected = ['400', '401', '403', '413', '422', '429', ...(path === '/truces' ? [] : ['404']), ...(creates[path] ? [] : ['409'])];
      expect({ path, statuses }).toEqual({ path, statuses: expect.arrayContaining(expected) });
    }
    expect(property(bodySchema('/truces/{truceId}/incidents', 'post', '201'), 'classification').enum).toEqual(
      expect.arrayContaining(['post_truce', 'pre_truce', 'ambiguous']),
    );
  });

  it('every error response is application/problem+json with the ProblemDetails schema', () => {
    const problem = doc.components.schemas.ProblemDetails;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
    expect(Object.keys(problem.properties).sort()).toEqual(['code', 'detail', 'errors', 'instance', 'status', 'title', 'type']);
    expect(Object.keys(itemsOf(problem, 'errors').properties).sort()).toEqual(['field', 'message']);

    let errors = 0;
    for (const { path, method, op } of allOperations()) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (Number(status) < 400) continue;
        errors += 1;
        const where = `${method} ${path} ${status}`;
        expect({ where, types: Object.keys(response.content ?? {}) }).toEqual({ where, types: ['application/problem+json'] });
        expect({ where, schema: resolve(response.content['application/problem+json'].schema) }).toEqual({ where, schema: problem });
      }
    }
    expect(errors).toBeGreaterThan(100);
    // Every read of one resource says what an unknown id answers.
    for (const path of ['/truces/{truceId}', '/incidents/{incidentId}', '/truces/{truceId}/history', '/streams/{streamId}/events']) {
      expect({ path, statuses: Object.keys(operation(path, 'get').responses) }).toEqual({ path, statuses: expect.arrayContaining(['200', '400', '404']) });
    }
  });

  it('a casualty figure is a whole number or {best, low?, high?}, in bodies and in responses', () => {
    const range = doc.components.schemas.CasualtyRange;
    expect(Object.keys(range.properties).sort()).toEqual(['best', 'high', 'low']);
    expect(range.required).toEqual(['best']);
    const incidentGroup = resolve(property(property(bodySchema('/incidents/{incidentId}', 'get', '200'), 'casualties'), 'killed'));
    for (const group of [doc.components.schemas.CasualtyGroupDto, incidentGroup]) {
      for (const figure of ['civilian', 'military', 'unknown']) {
        const { oneOf } = group.properties[figure];
        expect(oneOf).toHaveLength(2);
        expect(oneOf[0]).toEqual(expect.objectContaining({ type: 'integer', minimum: 0 }));
        expect(resolve(oneOf[1])).toBe(range);
      }
    }
  });

  it('the bearer scheme is an opaque API key, not a JWT', () => {
    expect(doc.components.securitySchemes.bearer).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
    expect(doc.components.securitySchemes.bearer.bearerFormat).toBeUndefined();
  });
});
