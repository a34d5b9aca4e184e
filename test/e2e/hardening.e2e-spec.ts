import net, { AddressInfo } from 'node:net';
import request from 'supertest';
import { aBreachBody, aDenialBody, aTruceBody } from '../support/builders';
import { expectFieldError, expectNothingWritten, expectProblem, headPosition } from '../support/expectations';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/**
 * Requests found by a fuzzing review (3,155 altered writes) that once produced a 500, wrote a
 * malformed event, or were refused when the contract says they should not be.
 */
describe('hardening: input the contract refuses, and writes it must not refuse', () => {
  let t: TestApp;
  let truceId: string;
  let incidentId: string;

  /** 400 problem+json, naming `field` when given. */
  const expectRefused = (res: request.Response, field?: string) => (field ? expectFieldError(res, field) : expectProblem(res, 400));
  /** Runs `refuse`, whose requests must be refused, and checks that they wrote nothing. */
  const refusing = (refuse: () => Promise<void>) => expectNothingWritten(t, [`truce-${truceId}`], refuse);

  beforeAll(async () => {
    t = await createTestApp();
    truceId = (await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody())).body.truceId;
    incidentId = (await request(t.http()).post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(aBreachBody())).body.incidentId;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('a window that would end in the year 10000 is 400, not 500', async () => {
    await refusing(async () => {
      for (const precision of ['minute', 'hour', 'day']) {
        const res = await request(t.http())
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .send(aBreachBody({ occurredAt: { from: '9999-12-31T23:59:00Z', precision } }));
        expectRefused(res, 'occurredAt.precision');
      }
    });
    // With an explicit end inside the calendar, the same start is a valid (if odd) report.
    const ok = await request(t.http())
      .post(`/truces/${truceId}/incidents`)
      .set(bearer('reporter'))
      .send(aBreachBody({ occurredAt: { from: '9999-12-31T23:59:00Z', to: '9999-12-31T23:59:59Z', precision: 'minute' } }));
    expect(ok.status).toBe(201);
  });

  it('a body of 60,000 unknown keys is refused at once, with a short answer', async () => {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 60_000; i++) wide[`k${i}`] = 1;
    await refusing(async () => {
      const res = await request(t.http())
        .post(`/truces/${truceId}/incidents`)
        .set(bearer('reporter'))
        .send({ ...aBreachBody(), ...wide });
      expectRefused(res, '(body)');
      expect(res.body.errors).toEqual([{ field: '(body)', message: 'has more than 100 fields' }]);
    });
  });

  it('an array of 100,000 sources and a body of 10,000 objects are refused before validation', async () => {
    await refusing(async () => {
      const many = await request(t.http())
        .post(`/truces/${truceId}/incidents`)
        .set(bearer('reporter'))
        .send(aBreachBody({ sources: Array.from({ length: 100_000 }, () => 1) }));
      expectRefused(many, 'sources');
      const objects = await request(t.http())
        .post(`/truces/${truceId}/incidents`)
        .set(bearer('reporter'))
        .send(aBreachBody({ sources: Array.from({ length: 10_000 }, () => ({ name: 'x' })) }));
      expectRefused(objects, '(body)');
    });
  });

  it('a body sent as text or as a form is 415 with a hint, and writes nothing', async () => {
    await refusing(async () => {
      const asText = await request(t.http()).post('/truces').set(bearer('admin')).set('Content-Type', 'text/plain').send(JSON.stringify(aTruceBody()));
      expectProblem(asText, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
      expect(asText.body.detail).toContain('Content-Type: application/json');
      const asForm = await request(t.http()).post('/truces').set(bearer('admin')).type('form').send({ name: 'x' });
      expectProblem(asForm, 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });
  });

  it('requests refused before any route (no Content-Type, a 20 KB header, two Content-Lengths) are answered as problem+json', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const raw = (head: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.end(head));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('end', () => resolve(answer));
        socket.on('error', reject);
      });
    const huge = await raw(`GET /truces HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(huge).toMatch(/^HTTP\/1\.1 431 /);
    expect(huge).toContain('Content-Type: application/problem+json');
    expect(JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 431, code: 'REQUEST.HEADERS_TOO_LARGE' });
    // A JSON body with no Content-Type at all: 415 too.
    const body = JSON.stringify(aTruceBody());
    const unlabelled = await raw(
      `POST /truces HTTP/1.1\r\nHost: x\r\nAuthorization: ${bearer('admin').Authorization}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(unlabelled).toMatch(/^HTTP\/1\.1 415 /);
    expect(JSON.parse(unlabelled.slice(unlabelled.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' });
    const twice = await raw('POST /truces HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}');
    expect(twice).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(twice.slice(twice.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'REQUEST.MALFORMED' });
  });

  it('says what is wrong: a missing field is required, a typo is an unknown field, a word where a number belongs is not a number', async () => {
    const errorsOf = (res: request.Response) => Object.fromEntries(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    await refusing(async () => {
      const empty = await request(t.http()).post('/truces').set(bearer('admin')).send({});
      expectRefused(empty, 'name');
      expect(errorsOf(empty)).toMatchObject({ name: 'name is required', parties: 'parties is required', effectiveAt: 'effectiveAt is required' });
      const { name, ...rest } = aTruceBody();
      const typo = await request(t.http())
        .post('/truces')
        .set(bearer('admin'))
        .send({ ...rest, nmae: name });
      expect(errorsOf(typo)).toEqual({ nmae: 'property nmae should not exist', name: 'name is required' });
      const tooLong = await request(t.http())
        .post('/truces')
        .set(bearer('admin'))
        .send(aTruceBody({ name: 'x'.repeat(301) }));
      expect(errorsOf(tooLong)).toEqual({ name: 'name must be shorter than or equal to 300 characters' });
    });
    const limit = await request(t.http()).get('/truces?limit=abc');
    expectRefused(limit, 'limit');
    expect(errorsOf(limit).limit).toMatch(/integer/);
  });

  it('every response says nosniff, may not be framed, and runs no script but its own', async () => {
    for (const path of ['/truces', `/truces/${truceId}`, '/no-such-route', '/docs']) {
      const res = await request(t.http()).get(path);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('a null casualty figure is 400, not 500', async () => {
    await refusing(async () => {
      const res = await request(t.http())
        .post(`/truces/${truceId}/incidents`)
        .set(bearer('reporter'))
        .send(aBreachBody({ casualties: { killed: { civilian: null } } }));
      expectRefused(res, 'casualties.killed.civilian');
      const revision = await request(t.http())
        .post(`/incidents/${incidentId}/casualty-revisions`)
        .set(bearer('reporter'))
        .send({ casualties: { injured: { military: null } }, sources: [{ name: 'x' }] });
      expectRefused(revision);
    });
  });

  it('null for an optional field is refused rather than stored', async () => {
    await refusing(async () => {
      expectRefused(
        await request(t.http())
          .post('/truces')
          .set(bearer('admin'))
          .send(aTruceBody({ mediators: null })),
        'mediators',
      );
      expectRefused(
        await request(t.http())
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .send(aBreachBody({ location: { name: 'Kapan', lat: null, lon: 46.4 } })),
        'location.lat',
      );
    });
  });

  it('an array where a party or source object belongs is 400', async () => {
    await refusing(async () => {
      expectRefused(
        await request(t.http())
          .post('/truces')
          .set(bearer('admin'))
          .send(aTruceBody({ parties: [[], { id: 'AZE', name: 'Azerbaijan' }] })),
        'parties',
      );
      expectRefused(
        await request(t.http())
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .send(aBreachBody({ sources: [[]] })),
        'sources',
      );
      expectRefused(
        await request(t.http())
          .post(`/incidents/${incidentId}/denials`)
          .set(bearer('reporter'))
          .send(aDenialBody({ sources: [[{ name: 'x' }]] })),
        'sources',
      );
    });
  });

  it('coordinates must be numbers, so the GeoJSON export stays valid', async () => {
    await refusing(async () => {
      const res = await request(t.http())
        .post(`/truces/${truceId}/incidents`)
        .set(bearer('reporter'))
        .send(aBreachBody({ location: { name: 'Kapan', lat: '39.2', lon: '46.4' } }));
      expectRefused(res, 'location.lat');
    });
  });

  it('a body that is not valid UTF-8 is 400, not stored with replacement characters', async () => {
    await refusing(async () => {
      const body = Buffer.concat([
        Buffer.from('{"deniedBy":"AZE","statement":"caf'),
        Buffer.from([0xe9, 0x20, 0xed, 0xa0, 0x80]),
        Buffer.from('","characterization":"other","sources":[{"name":"x"}]}'),
      ]);
      const res = await request(t.http()).post(`/incidents/${incidentId}/denials`).set(bearer('reporter')).set('Content-Type', 'application/json').send(body);
      expectRefused(res);
    });
  });

  it('a denial cites its sources (API.md lists sources[] as required)', async () => {
    await refusing(async () => {
      const { sources, ...withoutSources } = aDenialBody();
      expect(sources).toBeDefined();
      expectRefused(await request(t.http()).post(`/incidents/${incidentId}/denials`).set(bearer('reporter')).send(withoutSources), 'sources');
    });
  });

  it('ids in upper case name the same truce everywhere', async () => {
    const upper = truceId.toUpperCase();
    const history = await request(t.http()).get(`/truces/${upper}/history`);
    expect(history.status).toBe(200);
    expect(history.body.items[0].type).toBe('TruceAgreed');
    const asOf = await request(t.http()).get(`/truces/${upper}?asOf=2099-01-01T00:00:00Z`);
    expect(asOf.status).toBe(200);
    expect(asOf.body.truceId).toBe(truceId);
    const denial = await request(t.http()).post(`/incidents/${incidentId.toUpperCase()}/denials`).set(bearer('reporter')).send(aDenialBody());
    expect(denial.status).toBe(201);
  });

  it('concurrent writes to one stream without If-Match all succeed, none refused with 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request(t.http())
          .post(`/incidents/${incidentId}/denials`)
          .set(bearer('reporter'))
          .send(aDenialBody({ statement: `denial ${i}` })),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const versions = results.map((r) => r.body.streamVersion).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(20);
  });

  it('minPosition is accepted by every read, including the log and the exports', async () => {
    const position = await headPosition(t);
    for (const path of [
      '/events',
      `/streams/truce-${truceId}/events`,
      '/integrity',
      `/truces/${truceId}/incidents.csv`,
      `/truces/${truceId}/incidents.geojson`,
    ]) {
      const res = await request(t.http()).get(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
  });

  it('time zones are stored in their canonical spelling', async () => {
    const res = await request(t.http())
      .post('/truces')
      .set(bearer('admin'))
      .send(aTruceBody({ effectiveAtSource: { text: 'noon', timezone: 'asia/yerevan' } }));
    expect(res.status).toBe(201);
    const truce = await request(t.http()).get(`/truces/${res.body.truceId}`);
    expect(truce.body.effectiveAtSource.timezone).toBe('Asia/Yerevan');
  });

  it('error responses carry no ETag (ETag is the stream version of a write)', async () => {
    // The incident moves on to version 2, so If-Match "1" is stale.
    expect((await request(t.http()).post(`/incidents/${incidentId}/denials`).set(bearer('reporter')).send(aDenialBody())).status).toBe(201);
    const res = await request(t.http()).post(`/incidents/${incidentId}/denials`).set(bearer('reporter')).set('If-Match', '"1"').send(aDenialBody());
    expect(res.status).toBe(409);
    expect(res.headers.etag).toBeUndefined();
  });
});

describe('a report decided on a truce that has moved on meanwhile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('is decided again on the truce as it now stands (the classification follows the revised instant)', async () => {
    const truceId = (await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody())).body.truceId;
    const at0810 = { from: '2020-10-10T08:10:00Z', precision: 'minute' };
    const first = await request(t.http())
      .post(`/truces/${truceId}/incidents`)
      .set(bearer('reporter'))
      .send(aBreachBody({ occurredAt: at0810 }));
    expect(first.body.classification).toBe('post_truce');
    // TASS's reading: 12:00 Moscow time, 09:00 UTC. The instance last saw the truce before this.
    const revised = await request(t.http())
      .post(`/truces/${truceId}/effective-time`)
      .set(bearer('admin'))
      .send({ effectiveAt: '2020-10-10T09:00:00Z', reason: 'TASS gives 12:00 Moscow time' });
    expect(revised.status).toBe(201);
    const second = await request(t.http())
      .post(`/truces/${truceId}/incidents`)
      .set(bearer('reporter'))
      .send(aBreachBody({ occurredAt: at0810 }));
    expect(second.status).toBe(201);
    expect(second.body.classification).toBe('pre_truce');
  });
});
