/**
 * Every operation in /docs-json shows an example of what it takes and what it answers, so a
 * client can read the contract without running the service: the request body (when there is one)
 * and every 2xx response with content. An example counts wherever OpenAPI lets it sit: on the
 * media type (`example` or `examples`), on the schema (after resolving `$ref`), or on every
 * required property of an object schema, recursively.
 */
import request from 'supertest';
import { bearer, createTestApp, TestApp } from '../support/test-app';

type Json = Record<string, any>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** Follows a local `$ref` (`#/components/...`) until it reaches something that is not one. */
function resolve(doc: Json, node: Json | undefined, seen = new Set<string>()): Json | undefined {
  if (!node || typeof node.$ref !== 'string') return node;
  const ref: string = node.$ref;
  if (seen.has(ref)) return undefined; // a cycle exemplifies nothing
  seen.add(ref);
  const target = ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<any>((at, key) => at?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  return resolve(doc, target, seen);
}

/** Whether the schema has an example of its own, or can be assembled from its parts' examples. */
export function schemaHasExample(doc: Json, node: Json | undefined, depth = 0): boolean {
  const schema = resolve(doc, node);
  if (!schema || depth > 20) return false;
  if (schema.example !== undefined) return true;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return true;
  if (Array.isArray(schema.allOf)) {
    // Parts combine: every part with something to show must show it.
    const parts = schema.allOf.map((part: Json) => resolve(doc, part)).filter(Boolean) as Json[];
    return parts.length > 0 && parts.every((part) => schemaHasExample(doc, part, depth + 1) || isEmptyObject(part));
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(schema[key])) return schema[key].length > 0 && schema[key].every((branch: Json) => schemaHasExample(doc, branch, depth + 1));
  }
  if (schema.type === 'array') return schemaHasExample(doc, schema.items, depth + 1);
  const properties: Json = schema.properties ?? {};
  const names = Object.keys(properties);
  if (names.length === 0) return false;
  // An object is exemplified by its required properties; with none required, by all of them.
  const required: string[] = Array.isArray(schema.required) && schema.required.length > 0 ? schema.required : names;
  return required.every((name) => name in properties && schemaHasExample(doc, properties[name], depth + 1));
}

/** A part that only constrains (e.g. `nullable`), with no value of its own to show. An enum is a value: it needs an example. */
function isEmptyObject(schema: Json): boolean {
  return !schema.type && !schema.enum && !schema.properties && !schema.allOf && !schema.oneOf && !schema.anyOf && !schema.items && schema.example === undefined;
}

function mediaHasExample(doc: Json, media: Json): boolean {
  if (media.example !== undefined) return true;
  if (media.examples && Object.keys(media.examples).length > 0) return true;
  return schemaHasExample(doc, media.schema);
}

/** What in the operation lacks an example, e.g. `request body (application/json)`, `201 (application/json)`. */
export function missingExamples(doc: Json, operation: Json): string[] {
  const missing: string[] = [];
  const body = resolve(doc, operation.requestBody);
  for (const [type, media] of Object.entries<Json>(body?.content ?? {})) {
    if (!mediaHasExample(doc, media)) missing.push(`request body (${type})`);
  }
  for (const [status, ref] of Object.entries<Json>(operation.responses ?? {})) {
    if (!/^2/.test(status)) continue;
    const response = resolve(doc, ref);
    // A 2xx without content (204) has nothing to show.
    for (const [type, media] of Object.entries<Json>(response?.content ?? {})) {
      if (!mediaHasExample(doc, media)) missing.push(`${status} (${type})`);
    }
  }
  return missing;
}

/** Every operation of the document with what it lacks, as `POST /truces: request body (application/json)`. */
export function operationsWithoutExamples(doc: Json): string[] {
  const failures: string[] = [];
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const missing = missingExamples(doc, operation);
      if (missing.length > 0) failures.push(`${method.toUpperCase()} ${path}: ${missing.join(', ')}`);
    }
  }
  return failures;
}

describe('OpenAPI examples (e2e)', () => {
  let t: TestApp;
  let doc: Json;

  beforeAll(async () => {
    t = await createTestApp();
    const res = await request(t.http()).get('/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
  });

  afterAll(async () => {
    await t?.app.close();
  });

  it('every request body and every 2xx response of every operation has an example', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(0);
    expect(operationsWithoutExamples(doc)).toEqual([]);
  });

  it('no description or summary points at a file outside the repository (docs/domain.md is inside)', () => {
    const outside: string[] = [];
    JSON.stringify(doc, (key, value) => {
      if ((key === 'description' || key === 'summary') && typeof value === 'string' && /\b(DOMAIN|API|ARCHITECTURE|STYLE)\.md\b|\.\.\/shared\//.test(value))
        outside.push(value);
      return value;
    });
    expect(outside).toEqual([]);
  });

  /**
   * The whole examples tell one story (the Moscow truce, the Kapan report and the reports of strikes
   * on Terter and Agdam, each denied): posted as /docs-json shows them, the app accepts each, and the
   * truce it then answers is the TruceSummary example, figure for figure.
   */
  describe('the whole examples, replayed against the app', () => {
    const bodyExample = (path: string, name: string): Json => doc.paths[path].post.requestBody.content['application/json'].examples[name].value;
    /** Instants compared as instants: the app writes milliseconds, the examples do not. */
    const instantsNormalised = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value), (_key, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v) ? new Date(v).toISOString() : v));

    it('are accepted, and the truce they record is the contested TruceSummary example', async () => {
      const http = () => request(t.http());
      const created = (res: request.Response) => {
        expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
        return res.body;
      };

      t.clock.set('2020-10-10T01:15:00Z');
      const { truceId } = created(await http().post('/truces').set(bearer('admin')).send(bodyExample('/truces', 'moscow')));

      const incidents = '/truces/{truceId}/incidents';
      t.clock.set('2020-10-10T09:00:00Z');
      const kapan = created(await http().post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(bodyExample(incidents, 'kapan')));
      expect(kapan.classification).toBe('post_truce');
      const denials = '/incidents/{incidentId}/denials';
      created(await http().post(`/incidents/${kapan.incidentId}/denials`).set(bearer('reporter')).send(bodyExample(denials, 'provocation')));

      t.clock.set('2020-10-10T10:00:00Z');
      for (const region of ['terter', 'agdam']) {
        // The example answers the Kapan report by its example id; here, by the id it was given.
        const body = { ...bodyExample(incidents, region), respondsTo: kapan.incidentId };
        const strike = created(await http().post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(body));
        expect(strike.classification).toBe('post_truce');
        created(await http().post(`/incidents/${strike.incidentId}/denials`).set(bearer('reporter')).send(bodyExample(denials, 'denial')));
      }

      const summaryExample = doc.paths['/truces/{truceId}'].get.responses['200'].content['application/json'].examples.contested.value;
      t.clock.set('2020-10-10T21:00:00Z');
      const res = await http().get(`/truces/${truceId}`).query({ at: summaryExample.at, asOf: summaryExample.asOf });
      expect(res.status).toBe(200);
      expect(instantsNormalised(res.body)).toEqual(instantsNormalised({ ...summaryExample, truceId }));
    });
  });

  describe('the check itself', () => {
    const components = {
      schemas: {
        Bare: { type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { type: 'string', example: 'b' } } },
        Shown: { type: 'object', required: ['a'], properties: { a: { type: 'string', example: 'a' }, b: { type: 'string' } } },
        Nested: { type: 'object', required: ['inner'], properties: { inner: { type: 'array', items: { $ref: '#/components/schemas/Shown' } } } },
        Kind: { type: 'string', enum: ['a', 'b'] },
        ByKind: { type: 'object', required: ['kind'], properties: { kind: { allOf: [{ $ref: '#/components/schemas/Kind' }] } } },
      },
    };
    const op = (schema: Json, extra: Json = {}) => ({
      paths: { '/x': { post: { requestBody: { content: { 'application/json': { schema, ...extra } } }, responses: { '204': { description: 'none' } } } } },
      components,
    });

    it('names an operation whose body schema lacks an example on a required property', () => {
      expect(operationsWithoutExamples(op({ $ref: '#/components/schemas/Bare' }))).toEqual(['POST /x: request body (application/json)']);
    });

    it('names an operation whose body has an enum (by $ref, as enumName writes it) without an example', () => {
      expect(operationsWithoutExamples(op({ $ref: '#/components/schemas/ByKind' }))).toEqual(['POST /x: request body (application/json)']);
    });

    it('accepts examples on required properties (through $ref and arrays), on the schema, or on the media type', () => {
      expect(operationsWithoutExamples(op({ $ref: '#/components/schemas/Nested' }))).toEqual([]);
      expect(operationsWithoutExamples(op({ type: 'string', example: 'x' }))).toEqual([]);
      expect(operationsWithoutExamples(op({ $ref: '#/components/schemas/Bare' }, { examples: { one: { value: { a: 'a' } } } }))).toEqual([]);
    });

    it('names a 2xx response with content but no example, and skips one without content', () => {
      const doc = {
        paths: { '/y': { get: { responses: { '200': { content: { 'text/csv': { schema: { type: 'string' } } } }, '404': { description: 'no' } } } } },
      };
      expect(operationsWithoutExamples(doc)).toEqual(['GET /y: 200 (text/csv)']);
    });
  });
});
