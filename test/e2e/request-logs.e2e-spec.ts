/**
 * Structured request logs (README, "Operations"): one JSON line per request with its method,
 * route pattern, status, duration and request id; the request id is returned as X-Request-Id and
 * recorded in the events the request wrote; no secret or payload reaches the log.
 *
 * nestjs-pino keeps one logger per process, so this file builds one app, whose log it captures.
 */
import { Writable } from 'node:stream';
import request from 'supertest';
import { aBreachBody, aTruceBody } from '../support/builders';
import { streamEvents } from '../support/expectations';
import { bearer, createTestApp, KEYS, TestApp } from '../support/test-app';

/** Every line the app logs, as written. */
class CapturedLog extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  /** The parsed lines that carry `requestId`. */
  of(requestId: string): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.requestId === requestId);
  }
}

/** The request line is written when the response finishes, a moment after supertest resolves. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('Request logs and request ids (e2e)', () => {
  let t: TestApp;
  const log = new CapturedLog();
  const http = () => request(t.http());

  beforeAll(async () => {
    t = await createTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: log });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers with the X-Request-Id it was sent, and logs one line for the request under it', async () => {
    const res = await http().get('/truces').set('X-Request-Id', 'trace-4f2a.77');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBe('trace-4f2a.77');
    await settled();
    const lines = log.of('trace-4f2a.77');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'GET', route: '/truces', status: 200, msg: 'request completed' });
    expect(typeof lines[0].durationMs).toBe('number');
  });

  it('makes up a request id when none is sent, or when the one sent is not a sane token', async () => {
    const none = await http().get('/truces');
    const insane = await http().get('/truces').set('X-Request-Id', 'a b"c\\d');
    const tooLong = await http().get('/truces').set('X-Request-Id', 'x'.repeat(129));
    for (const res of [none, insane, tooLong]) {
      expect(res.status).toBe(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect(new Set([none, insane, tooLong].map((r) => r.headers['x-request-id'])).size).toBe(3);
  });

  it("logs the route pattern, not the URL with its ids, and records the request id as the events' correlationId", async () => {
    const truce = await http().post('/truces').set(bearer('admin')).send(aTruceBody());
    expect(truce.status).toBe(201);
    const res = await http()
      .post(`/truces/${truce.body.truceId}/incidents`)
      .set(bearer('reporter'))
      .set('X-Request-Id', 'req-incident-0001')
      .set('Idempotency-Key', 'idem-key-that-must-not-be-logged')
      .set('Cookie', 'session=cookie-that-must-not-be-logged')
      .send(aBreachBody({ description: 'A description that must not be logged' }));
    expect(res.status).toBe(201);
    expect(res.headers['x-request-id']).toBe('req-incident-0001');
    const [event] = await streamEvents(t, `incident-${res.body.incidentId}`);
    expect(event.metadata.correlationId).toBe('req-incident-0001');

    await settled();
    const [line] = log.of('req-incident-0001');
    expect(line).toMatchObject({ method: 'POST', route: '/truces/:truceId/incidents', status: 201 });
    const raw = log.lines.find((l) => l.includes('req-incident-0001'))!;
    expect(raw).not.toContain(truce.body.truceId);
    for (const secret of [KEYS.reporter, 'idem-key-that-must-not-be-logged', 'cookie-that-must-not-be-logged', 'A description that must not be logged']) {
      expect(raw).not.toContain(secret);
    }
  });

  it('keeps an X-Correlation-Id the client sent as the correlationId, beside its own request id', async () => {
    const res = await http()
      .post('/truces')
      .set(bearer('admin'))
      .set('X-Request-Id', 'req-truce-0002')
      .set('X-Correlation-Id', 'batch-import-7')
      .send(aTruceBody());
    expect(res.status).toBe(201);
    expect(res.headers['x-request-id']).toBe('req-truce-0002');
    const [event] = await streamEvents(t, `truce-${res.body.truceId}`);
    expect(event.metadata.correlationId).toBe('batch-import-7');
  });

  it('writes no secret of any request into the log, refused ones included', async () => {
    const refused = await http()
      .post('/truces')
      .set('Authorization', 'Bearer not-a-key-but-a-secret-0001')
      .set('X-Request-Id', 'req-refused-0003')
      .send(aTruceBody());
    expect(refused.status).toBe(401);
    await http().get('/truces').set(bearer('admin'));
    await settled();
    expect(log.of('req-refused-0003')).toMatchObject([{ method: 'POST', route: '/truces', status: 401 }]);
    const all = log.lines.join('\n');
    for (const secret of ['not-a-key-but-a-secret-0001', ...Object.values(KEYS)]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/authorization/i);
  });
});
