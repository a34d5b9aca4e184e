/**
 * Fuzzing every endpoint the OpenAPI document describes (fast-check): thousands of mutated
 * bodies, path ids, query strings and headers — dates at the calendar's edges, very wide and very
 * deep objects, wrong types, unknown keys, broken JSON, odd content types and keys. Whatever is
 * sent: never a 5xx, every refusal is problem+json, and the log grows only by accepted writes
 * (requests go one at a time, and the log's head is read before and after each).
 *
 * The endpoints come from /docs-json, so a new endpoint is fuzzed as soon as it is documented; a
 * POST needs a valid seed body below (the test fails naming any that has none), from which the
 * mutations start — so they reach the domain's rules, not only the first validator.
 */
import fc from 'fast-check';
import request from 'supertest';
import { aBreachBody, aCollapseBody, aDenialBody, aTruceBody, aVerificationBody, AP_NEWSCLICK } from '../support/builders';
import { headPosition } from '../support/expectations';
import { bearer, createTestApp, KEYS, TestApp } from '../support/test-app';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Runs per operation: POSTs get more, their bodies being the largest input. */
const RUNS = { get: 40, post: 80 };

/** Operations left out, and why. */
const LEFT_OUT = new Set([
  // An endless Server-Sent Events stream: its refusals (bad ?after=, bad Last-Event-ID) have
  // their own tests in live-feed.e2e-spec.ts.
  'get /events/live',
]);

/** Instants at and past the edges of the calendar and of JavaScript's Date. */
const EDGE_INSTANTS = [
  '0000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.000Z',
  '+275760-09-13T00:00:00.001Z',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:00Z',
  '10000-01-01T00:00:00Z',
  '2020-02-30T00:00:00Z',
  '2020-12-31T23:59:60Z',
  '1970-01-01T00:00:00Z',
  '2020-10-10T08:00:00+14:00',
  '2020-10-10T08:00:00-12:00',
  '2020-10-10',
  '20201010T080000Z',
  '2020-10-10T08:00:00.123456789Z',
  '',
  ' ',
];

const edgeInstant = fc.oneof(
  fc.constantFrom(...EDGE_INSTANTS),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
);

/** Values that break validators in practice. */
const nasty: fc.Arbitrary<Json> = fc.oneof(
  edgeInstant,
  fc.constantFrom<Json>(
    null,
    true,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    'ARM',
    '00000000-0000-0000-0000-000000000000',
    '__proto__',
    'constructor',
    '\u0000',
    '\ud800',
    '😀'.repeat(50),
    '<script>alert(1)</script>',
    "'; DROP TABLE events; --",
    '=HYPERLINK("x")',
    [],
    {},
    [null],
    { __proto__: { polluted: true } } as unknown as Json,
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** A very wide object (up to 20,000 keys) or a very deep one (up to 2,000 levels). */
const huge: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: 100, max: 20_000 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]))),
  fc.integer({ min: 50, max: 2_000 }).map((depth) => {
    let value: Json = 'bottom';
    for (let i = 0; i < depth; i++) value = { nested: value };
    return value;
  }),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 10_000 }).map((n) => Array.from({ length: n }, () => AP_NEWSCLICK) as unknown as Json),
);

/** The paths to values inside `value` (object keys and array indexes), the first 200 up to 6 deep: a huge value is not walked whole. */
function pathsOf(value: Json, prefix: (string | number)[] = [], found: (string | number)[][] = []): (string | number)[][] {
  if (found.length >= 200) return found;
  found.push(prefix);
  if (value === null || typeof value !== 'object' || prefix.length >= 6) return found;
  const entries: [string | number, Json][] = Array.isArray(value) ? value.slice(0, 20).map((v, i) => [i, v]) : Object.entries(value).slice(0, 40);
  for (const [key, v] of entries) pathsOf(v, [...prefix, key], found);
  return found;
}

/** `body` with the value at `path` replaced (or removed when `replacement` is undefined): only the containers along the path are copied, so a huge value elsewhere is never walked. */
function withValueAt(body: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement === undefined ? {} : replacement;
  if (body === null || typeof body !== 'object') return body;
  const [key, ...rest] = path;
  const copy: any = Array.isArray(body) ? [...body] : { ...body };
  if (rest.length > 0) copy[key] = withValueAt(copy[key], rest, replacement);
  else if (replacement !== undefined) copy[key] = replacement;
  else if (Array.isArray(copy)) copy.splice(Number(key), 1);
  else delete copy[key];
  return copy as Json;
}

/** A body: the seed, or the seed with one to three values replaced, removed or added, or anything at all. */
function mutatedBody(seed: Json): fc.Arbitrary<string> {
  const paths = pathsOf(seed);
  const oneChange = (body: Json): fc.Arbitrary<Json> => {
    const inner = pathsOf(body).filter((p) => p.length > 0);
    const changes: fc.Arbitrary<Json>[] = [
      fc.record({ path: fc.constantFrom(...pathsOf(body)), value: fc.oneof(nasty, huge) }).map(({ path, value }) => withValueAt(body, path, value)),
      fc
        .record({ key: fc.string({ maxLength: 12 }), value: nasty })
        .map(({ key, value }) => (body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...body, [key]: value } : body)),
    ];
    if (inner.length > 0) changes.push(fc.constantFrom(...inner).map((path) => withValueAt(body, path, undefined)));
    return fc.oneof(...changes);
  };
  const mutated =
    paths.length > 1
      ? oneChange(seed).chain((b) =>
          fc.oneof(
            fc.constant(b),
            oneChange(b).chain((c) => fc.oneof(fc.constant(c), oneChange(c))),
          ),
        )
      : nasty;
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(JSON.stringify(seed)) },
    { weight: 8, arbitrary: mutated.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.oneof(nasty, huge).map((b) => JSON.stringify(b) ?? 'null') },
    // Not JSON at all, or JSON cut short.
    { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 200 }), fc.constant(JSON.stringify(seed).slice(0, 17)), fc.constant('{"a":1,"a":2}')) },
  );
}

/** Query strings from the operation's documented parameters (and some it does not know). */
function queryString(names: string[]): fc.Arbitrary<string> {
  const value = fc.oneof(
    fc.constantFrom('0', '-1', '1', '1000', '1001', '1e3', 'abc', '', '9007199254740993', 'day', 'week', 'UTC', 'Asia/Baku', 'Mars/Olympus'),
    edgeInstant,
    fc.string({ maxLength: 30 }),
  );
  const pairs = fc.array(
    fc.tuple(
      fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(names.length ? names : ['x'])) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }),
      value,
    ),
    {
      maxLength: 5,
    },
  );
  return pairs.map((ps) => ps.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
}

const headers = fc.record({
  auth: fc.constantFrom<keyof typeof KEYS | 'none' | 'garbage'>('admin', 'admin', 'admin', 'verifier', 'reporter', 'otherReporter', 'none', 'garbage'),
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'application/json',
    'application/json; charset=latin1',
    'text/plain',
    'application/x-www-form-urlencoded',
    'none',
  ),
  idempotencyKey: fc.option(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 })), { nil: undefined }),
  ifMatch: fc.option(fc.constantFrom('"1"', '"0"', '*', 'W/"1"', '"abc"', '"99999999999999999999"', ''), { nil: undefined }),
});

/** Only bytes an HTTP client may put in a header. */
const headerSafe = (value: string) => value.replace(/[^\x20-\x7e]/g, '?');

describe('fuzzing every documented endpoint (e2e)', () => {
  let t: TestApp;
  let doc: any;
  const ids: Record<string, string> = {};
  let seeds: Record<string, Json>;

  beforeAll(async () => {
    t = await createTestApp({ now: '2020-10-10T12:00:00Z' });
    doc = (await request(t.http()).get('/docs-json')).body;
    const truce = await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody());
    const successor = await request(t.http())
      .post('/truces')
      .set(bearer('admin'))
      .send(aTruceBody({ name: 'Successor truce', effectiveAt: '2020-10-18T00:00:00Z' }));
    ids.truceId = truce.body.truceId;
    const incident = await request(t.http()).post(`/truces/${ids.truceId}/incidents`).set(bearer('admin')).send(aBreachBody());
    ids.incidentId = incident.body.incidentId;
    ids.streamId = `truce-${ids.truceId}`;
    ids.name = 'fuzz-made-key';
    const truceId = ids.truceId;
    seeds = {
      'post /truces': aTruceBody() as Json,
      'post /truces/{truceId}/effective-time': {
        effectiveAt: '2020-10-10T09:00:00Z',
        effectiveAtSource: { text: '12:00 Moscow time', timezone: 'Europe/Moscow' },
        reason: 'TASS gives 12:00 Moscow time',
        sources: [{ name: 'TASS, 10 Oct 2020' }],
      },
      'post /truces/{truceId}/suspend': { by: 'Russia', reason: 'Talks paused', at: '2020-10-11T00:00:00Z' },
      'post /truces/{truceId}/resume': { by: 'Russia', reason: 'Talks resumed', at: '2020-10-11T06:00:00Z' },
      'post /truces/{truceId}/collapse': aCollapseBody() as Json,
      'post /truces/{truceId}/end': { reason: 'superseded', successorTruceId: successor.body.truceId, at: '2020-10-18T00:00:00Z' },
      'post /truces/{truceId}/reopen': { reason: 'Recorded in error', sources: [AP_NEWSCLICK] },
      'post /truces/{truceId}/milestones': { kind: 'prisoner_exchange', state: 'scheduled', counts: { ARM: 1, AZE: 1 }, facilitator: 'ICRC' },
      'post /truces/{truceId}/incidents': aBreachBody() as Json,
      'post /incidents/{incidentId}/denials': aDenialBody() as Json,
      'post /incidents/{incidentId}/casualty-revisions': { casualties: { killed: { civilian: 2 } }, sources: [AP_NEWSCLICK] },
      'post /incidents/{incidentId}/retractions': { reason: 'Reported in error' },
      'post /incidents/{incidentId}/verifications': aVerificationBody() as Json,
      'post /incidents/{incidentId}/attributions': { attributedTo: 'AZE', by: 'Independent monitor (test)', note: 'Imagery' },
      'post /admin/projections/rebuild': {},
      'post /admin/keys': { name: 'fuzz-made-key', role: 'reporter' },
      'post /truces/{truceId}/zones': {
        zoneId: 'kapan-area',
        name: 'Kapan area',
        kind: 'area_of_responsibility',
        geometry: {
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
        },
      },
      'post /truces/{truceId}/zones/{zoneId}/retire': { reason: 'Redrawn' },
      'post /truces/{truceId}/observations': {
        observedBy: 'Monitoring team 3',
        observedAt: { from: '2020-10-10T08:30:00Z', precision: 'minute' },
        position: { name: 'Kapan', lat: 39.2, lon: 46.4, precision: 'exact' },
        kind: 'explosion',
        count: 12,
        assessment: 'undetermined',
        direction: 'SE',
        distanceKm: { low: 3, high: 5 },
        sources: [{ name: 'Monitoring team 3', kind: 'monitor', reliability: 'A', credibility: 1, firstHand: true }],
      },
      'post /observations/{observationId}/assessments': { assessment: 'ceasefire_violation', origin: 'AZE', by: 'Chief monitor' },
      'post /observations/{observationId}/withdrawals': { by: 'Chief monitor', reason: 'Duplicate' },
      'post /truces/{truceId}/reports': { title: 'Daily report', period: { from: '2020-10-09T20:00:00Z', to: '2020-10-10T20:00:00Z' }, tz: 'Asia/Baku' },
      'post /admin/imports': {},
    };
    ids.zoneId = 'kapan-area';
    // Ids of what only newer endpoints create, when they exist.
    const observation = await request(t.http())
      .post(`/truces/${truceId}/observations`)
      .set(bearer('admin'))
      .send(seeds['post /truces/{truceId}/observations'] as object);
    ids.observationId = observation.body.observationId ?? '00000000-0000-4000-8000-000000000000';
    const report = await request(t.http())
      .post(`/truces/${truceId}/reports`)
      .set(bearer('admin'))
      .send(seeds['post /truces/{truceId}/reports'] as object);
    ids.reportId = report.body.reportId ?? '00000000-0000-4000-8000-000000000000';
  });

  afterAll(async () => {
    await t?.app.close();
  });

  const operations = (): { method: 'get' | 'post' | 'delete'; path: string; params: string[] }[] =>
    Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
      (['get', 'post', 'delete'] as const)
        .filter((method) => item[method] && !LEFT_OUT.has(`${method} ${path}`))
        .map((method) => ({ method, path, params: (item[method].parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name as string) })),
    );

  it('has a seed body for every documented POST', () => {
    const posts = operations().filter((o) => o.method === 'post');
    expect(posts.length).toBeGreaterThanOrEqual(15);
    expect(posts.map((o) => `post ${o.path}`).filter((op) => !(op in seeds))).toEqual([]);
  });

  it('never answers 5xx, refuses with problem+json, and writes only what it accepts', async () => {
    let requests = 0;
    for (const op of operations()) {
      const pathId = fc.oneof(
        { weight: 6, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.oneof(fc.uuid(), fc.string({ maxLength: 60 }), fc.constantFrom('..', '%00', '0', 'null', 'truce-x', 'a'.repeat(5000))) },
      );
      const seed = seeds[`${op.method} ${op.path}`] ?? {};
      const property = fc.asyncProperty(
        pathId,
        queryString(op.params),
        op.method === 'post' ? mutatedBody(seed) : fc.constant(''),
        headers,
        async (id, query, body, h) => {
          const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(id ?? ids[name] ?? 'missing'));
          const url = query ? `${path}?${query}` : path;
          const before = await headPosition(t);
          let req = request(t.http())[op.method](url);
          if (h.auth === 'garbage') req = req.set('Authorization', 'Bearer not-a-key');
          else if (h.auth !== 'none') req = req.set(bearer(h.auth));
          if (h.idempotencyKey !== undefined) req = req.set('Idempotency-Key', headerSafe(h.idempotencyKey));
          if (h.ifMatch !== undefined) req = req.set('If-Match', h.ifMatch);
          if (op.method === 'post') {
            if (h.contentType !== 'none') req = req.set('Content-Type', h.contentType);
            req = req.send(body);
          }
          const res = await req;
          requests += 1;
          const after = await headPosition(t);
          const context = { op: `${op.method.toUpperCase()} ${url.slice(0, 200)}`, body: body.slice(0, 300), status: res.status };
          expect({ ...context, serverError: res.status >= 500 }).toEqual({ ...context, serverError: false });
          if (res.status >= 400) {
            expect({ ...context, type: res.headers['content-type'] }).toEqual({ ...context, type: expect.stringMatching(/^application\/problem\+json/) });
            expect({ ...context, problem: [typeof res.body.type, typeof res.body.title, res.body.status] }).toEqual({
              ...context,
              problem: ['string', 'string', res.status],
            });
            expect({ ...context, grew: after - before }).toEqual({ ...context, grew: 0 });
          } else if (op.method !== 'post') {
            expect({ ...context, grew: after - before }).toEqual({ ...context, grew: 0 });
          }
        },
      );
      await fc.assert(property, { numRuns: op.method === 'post' ? RUNS.post : RUNS.get, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) });
    }
    expect(requests).toBeGreaterThan(1_500);
  }, 1_200_000);
});
