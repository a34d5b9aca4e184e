/**
 * Every way the API refuses a request (API.md, "Conventions"): the status, an
 * application/problem+json body (RFC 9457: type, title, status, detail; for validation
 * errors[{field, message}]), and — the part that matters most to an append-only record —
 * nothing written.
 *
 * "Nothing written" is the shared expectNothingWritten: nothing was appended to the truce's
 * stream or its incidents', and no event appended since carries the X-Correlation-Id of a
 * refused request (the service writes it into each event's metadata). The database is shared
 * with the other e2e files, so the log's head moves under us: only our own events are judged.
 * After every test, none of its refused requests left an event and none of its requests was
 * answered with a 5xx.
 *
 * Reference-case data: AP via NewsClick, 10 Oct 2020.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { aBreachBody, aCollapseBody, aDenialBody, aTruceBody, aVerificationBody } from '../support/builders';
import * as shared from '../support/expectations';
import { expectFieldError, expectProblem, headPosition } from '../support/expectations';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const UNKNOWN_UUID = '7d3c1f0e-5b2a-4c8d-9e6f-0a1b2c3d4e5f';

/** A 200 kB JSON body nested 100 000 arrays deep: legal JSON, well under the size limit. */
const deeplyNested = (depth = 100_000) => `{"reportedBy":"ARM","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** Every response any app of this file gave during the current test, to check that none was a 5xx. */
let answered: { method: string; url: string; status: number }[] = [];

function recordResponses(t: TestApp): void {
  t.http().on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.on('finish', () => answered.push({ method: req.method ?? '', url: (req.url ?? '').slice(0, 120), status: res.statusCode }));
  });
}

describe('Refusals (e2e)', () => {
  let t: TestApp;
  let truceId: string;
  let incidentId: string;
  /** The correlation ids of the current test's requests that must write nothing. */
  let refusedCorrelationIds = new Set<string>();
  let firstHead = 0;
  let testHead = 0;

  const http = () => request(t.http());
  /** A correlation id for a request that must write nothing. */
  const refused = () => {
    const id = `refused-${randomUUID()}`;
    refusedCorrelationIds.add(id);
    return { 'X-Correlation-Id': id };
  };

  async function eventsAfter(after: number): Promise<any[]> {
    const all: any[] = [];
    for (;;) {
      const res = await http().get('/events').query({ after, limit: 1000 });
      expect(res.status).toBe(200);
      all.push(...res.body.items);
      if (res.body.items.length < 1000) return all;
      after = res.body.nextAfter;
    }
  }

  /** Runs `refuse` and checks that it appended nothing to the truce, its incidents, or under its correlation ids. */
  const expectNothingWritten = (refuse: () => Promise<void>, truce = truceId) =>
    shared.expectNothingWritten(t, [`truce-${truce}`], refuse, refusedCorrelationIds);

  async function newTruce(name: string): Promise<string> {
    const res = await http().post('/truces').set(bearer('admin')).send(aTruceBody({ name }));
    expect(res.status).toBe(201);
    return res.body.truceId;
  }

  async function newIncident(truce = truceId): Promise<string> {
    const res = await http().post(`/truces/${truce}/incidents`).set(bearer('reporter')).send(aBreachBody());
    expect(res.status).toBe(201);
    return res.body.incidentId;
  }

  beforeAll(async () => {
    t = await createTestApp({ now: '2020-10-10T09:00:00Z' });
    recordResponses(t);
    firstHead = await headPosition(t);
    truceId = await newTruce(`Refusals e2e ${randomUUID()}`);
    incidentId = await newIncident();
  });

  beforeEach(async () => {
    refusedCorrelationIds = new Set();
    answered = [];
    testHead = await headPosition(t);
  });

  afterEach(async () => {
    // Whatever the test asserted: none of its refused requests left an event, none was a 5xx.
    const left = await t.app
      .get(DataSource)
      .query(`SELECT position, type FROM events WHERE position > $1 AND metadata->>'correlationId' = ANY($2)`, [testHead, [...refusedCorrelationIds]]);
    expect(left).toEqual([]);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.filter((a) => a.status >= 500)).toEqual([]);
  });

  afterAll(async () => {
    await t?.app.close();
  });

  describe('401: no key or a wrong key', () => {
    it.each([
      ['without Authorization', {}],
      ['with an unknown key', { Authorization: 'Bearer not-a-key-of-this-service' }],
      ['with another scheme', { Authorization: `Basic ${Buffer.from('ada:admin').toString('base64')}` }],
    ])('POST /truces %s → 401 with WWW-Authenticate', async (_label, headers) => {
      const name = `Unauthenticated ${randomUUID()}`;
      await expectNothingWritten(async () => {
        const res = await http()
          .post('/truces')
          .set(headers as Record<string, string>)
          .set(refused())
          .send(aTruceBody({ name }));
        expectProblem(res, 401);
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      });
      const all = await eventsAfter(firstHead);
      expect(all.filter((e) => e.type === 'TruceAgreed' && e.data.name === name)).toEqual([]);
    });

    it('POST a denial with a wrong key → 401', async () => {
      await expectNothingWritten(async () => {
        const res = await http().post(`/incidents/${incidentId}/denials`).set({ Authorization: 'Bearer wrong-secret-0001' }).set(refused()).send(aDenialBody());
        expectProblem(res, 401);
        expect(res.headers['www-authenticate']).toBeDefined();
      });
    });

    it('reads stay open without a key (READ_REQUIRES_KEY is off)', async () => {
      const res = await http().get(`/truces/${truceId}`);
      expect(res.status).toBe(200);
      expect(res.body.truceId).toBe(truceId);
    });
  });

  describe('403: a key without the role', () => {
    it('a reporter may not record a truce', async () => {
      const name = `Reporter truce ${randomUUID()}`;
      await expectNothingWritten(async () => {
        const res = await http().post('/truces').set(bearer('reporter')).set(refused()).send(aTruceBody({ name }));
        expectProblem(res, 403);
      });
      const all = await eventsAfter(firstHead);
      expect(all.filter((e) => e.type === 'TruceAgreed' && e.data.name === name)).toEqual([]);
    });

    it('a verifier may not record a truce either', async () => {
      await expectNothingWritten(async () => {
        const res = await http().post('/truces').set(bearer('verifier')).set(refused()).send(aTruceBody());
        expectProblem(res, 403);
      });
    });

    it('a reporter may not post a verification', async () => {
      await expectNothingWritten(async () => {
        const res = await http().post(`/incidents/${incidentId}/verifications`).set(bearer('reporter')).set(refused()).send(aVerificationBody());
        expectProblem(res, 403);
      });
      const incident = await http().get(`/incidents/${incidentId}`);
      expect(incident.body.verification).toEqual({ status: 'unverified', history: [] });
    });

    it('a reporter may not collapse a truce nor rebuild the read models', async () => {
      await expectNothingWritten(async () => {
        expectProblem(await http().post(`/truces/${truceId}/collapse`).set(bearer('reporter')).set(refused()).send(aCollapseBody()), 403);
        expectProblem(await http().post('/admin/projections/rebuild').set(bearer('verifier')).set(refused()), 403);
      });
    });
  });

  describe('400: bad input, with errors[{field, message}] naming the field', () => {
    const postTruce = (body: unknown) =>
      http()
        .post('/truces')
        .set(bearer('admin'))
        .set(refused())
        .send(body as object);
    const postBreach = (body: unknown) =>
      http()
        .post(`/truces/${truceId}/incidents`)
        .set(bearer('reporter'))
        .set(refused())
        .send(body as object);

    it('missing fields of a truce', async () => {
      await expectNothingWritten(async () => {
        const res = await postTruce({});
        expectFieldError(res, 'name', 'parties', 'effectiveAt');
      });
    });

    it('a breach report without accusedParty, or without occurredAt.from', async () => {
      await expectNothingWritten(async () => {
        const { accusedParty: _a, ...noAccused } = aBreachBody();
        expectFieldError(await postBreach(noAccused), 'accusedParty');
        const { from: _f, ...noFrom } = aBreachBody().occurredAt as Record<string, unknown>;
        expectFieldError(await postBreach(aBreachBody({ occurredAt: noFrom })), 'occurredAt.from');
      });
    });

    it('a breach report without occurredAt → 400 naming it', async () => {
      await expectNothingWritten(async () => {
        const { occurredAt: _o, ...noOccurredAt } = aBreachBody();
        expectFieldError(await postBreach(noOccurredAt), 'occurredAt');
      });
    });

    it('a breach report without location, or with a location that is not an object → 400 naming it', async () => {
      await expectNothingWritten(async () => {
        const { location: _l, ...noLocation } = aBreachBody();
        expectFieldError(await postBreach(noLocation), 'location');
        expectFieldError(await postBreach(aBreachBody({ location: [] })), 'location');
      });
    });

    it('an unknown field, top-level or nested', async () => {
      await expectNothingWritten(async () => {
        expectFieldError(await postBreach(aBreachBody({ accusedPary: 'AZE' })), 'accusedPary');
        expectFieldError(
          await postBreach(aBreachBody({ location: { name: 'Kapan', countryIso3: 'ARM', precision: 'near', altitude: 900 } })),
          'location.altitude',
        );
        expectFieldError(await postTruce(aTruceBody({ colour: 'blue' })), 'colour');
      });
    });

    it('an unknown field named "constructor" or "__proto__" is refused like any other', async () => {
      const name = `Prototype keys ${randomUUID()}`;
      await expectNothingWritten(async () => {
        expectProblem(await postTruce(aTruceBody({ name, constructor: { admin: true } })), 400);
        const proto = await http()
          .post('/truces')
          .set(bearer('admin'))
          .set(refused())
          .set('Content-Type', 'application/json')
          .send(`{"__proto__":{"admin":true},${JSON.stringify(aTruceBody({ name })).slice(1)}`);
        expectProblem(proto, 400);
      });
      const all = await eventsAfter(firstHead);
      expect(all.filter((e) => e.type === 'TruceAgreed' && e.data.name === name)).toEqual([]);
    });

    it('a bad instant: month 13, no time zone, 31 February', async () => {
      await expectNothingWritten(async () => {
        expectFieldError(await postTruce(aTruceBody({ effectiveAt: '2020-13-01T00:00:00Z' })), 'effectiveAt');
        expectFieldError(await postTruce(aTruceBody({ effectiveAt: '2020-10-10T08:00:00' })), 'effectiveAt');
        expectFieldError(await postBreach(aBreachBody({ occurredAt: { from: '2020-02-31T08:10:00Z', precision: 'minute' } })), 'occurredAt.from');
      });
    });

    it('fewer than two parties', async () => {
      await expectNothingWritten(async () => {
        expectFieldError(await postTruce(aTruceBody({ parties: [{ id: 'ARM', name: 'Armenia' }] })), 'parties');
        expectFieldError(await postTruce(aTruceBody({ parties: [] })), 'parties');
        expectFieldError(await postTruce(aTruceBody({ parties: ['ARM', 'AZE'] })), 'parties');
      });
    });

    it('a breach report citing no source', async () => {
      await expectNothingWritten(async () => {
        expectFieldError(await postBreach(aBreachBody({ sources: [] })), 'sources');
        expectFieldError(await postBreach(aBreachBody({ sources: [{ url: 'https://www.newsclick.in/' }] })), 'sources.0.name');
      });
    });

    it('a bad enum value', async () => {
      await expectNothingWritten(async () => {
        expectFieldError(await postTruce(aTruceBody({ purposes: ['ceasefire'] })), 'purposes');
        expectFieldError(await postBreach(aBreachBody({ weapons: ['trebuchet'] })), 'weapons');
        expectFieldError(await postBreach(aBreachBody({ occurredAt: { from: '2020-10-10T08:10:00Z', precision: 'second' } })), 'occurredAt.precision');
        const denial = await http()
          .post(`/incidents/${incidentId}/denials`)
          .set(bearer('reporter'))
          .set(refused())
          .send(aDenialBody({ characterization: 'lie' }));
        expectFieldError(denial, 'characterization');
        const verification = await http()
          .post(`/incidents/${incidentId}/verifications`)
          .set(bearer('verifier'))
          .set(refused())
          .send(aVerificationBody({ status: 'proven' }));
        expectFieldError(verification, 'status');
      });
    });

    it('wrong types and out-of-range values', async () => {
      await expectNothingWritten(async () => {
        expectFieldError(await postTruce(aTruceBody({ name: 42 })), 'name');
        expectFieldError(await postTruce(aTruceBody({ effectiveAtSource: { text: 'noon', timezone: 'Mars/Olympus' } })), 'effectiveAtSource.timezone');
        expectFieldError(await postBreach(aBreachBody({ casualties: { killed: { civilian: -1 } } })), 'casualties.killed.civilian');
        expectFieldError(await postBreach(aBreachBody({ casualties: { killed: { civilian: 1.5 } } })), 'casualties.killed.civilian');
        expectFieldError(await postBreach(aBreachBody({ location: { name: 'Kapan', lat: 91 } })), 'location.lat');
      });
    });

    it('a body that is not a JSON object', async () => {
      await expectNothingWritten(async () => {
        const array = await http().post('/truces').set(bearer('admin')).set(refused()).set('Content-Type', 'application/json').send('[]');
        expectProblem(array, 400);
        const scalar = await http().post('/truces').set(bearer('admin')).set(refused()).set('Content-Type', 'application/json').send('"truce"');
        expectProblem(scalar, 400);
      });
    });

    it('invalid JSON', async () => {
      await expectNothingWritten(async () => {
        const res = await http()
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .set(refused())
          .set('Content-Type', 'application/json')
          .send('{"reportedBy": "ARM", "accusedParty": ');
        expectProblem(res, 400);
      });
    });

    it('a NUL character or an unpaired surrogate in a string field → 400, not 500', async () => {
      await expectNothingWritten(async () => {
        expectFieldError(await postTruce(aTruceBody({ name: 'Humanitarian\u0000ceasefire' })), 'name');
        expectFieldError(await postBreach(aBreachBody({ location: { name: 'Ka\u0000pan', precision: 'near' } })), 'location.name');
        expectFieldError(await postBreach(aBreachBody({ description: 'shelling \ud800 near Kapan' })), 'description');
        const denial = await http()
          .post(`/incidents/${incidentId}/denials`)
          .set(bearer('reporter'))
          .set(refused())
          .set('Content-Type', 'application/json')
          .send('{"deniedBy":"AZE","statement":"provoc\\u0000ation","characterization":"provocation","sources":[]}');
        expectFieldError(denial, 'statement');
      });
    });

    it('a NUL in a query parameter → 400', async () => {
      const res = await http()
        .get('/events')
        .query({ streamId: `truce-${truceId}\u0000` });
      expectFieldError(res, 'streamId');
    });

    it('bad query parameters on reads', async () => {
      expectFieldError(await http().get(`/truces/${truceId}`).query({ at: '2020-13-01T00:00:00Z' }), 'at');
      expectFieldError(await http().get(`/truces/${truceId}`).query({ asOf: 'yesterday' }), 'asOf');
      expectFieldError(await http().get('/events').query({ limit: 1001 }), 'limit');
      expectFieldError(await http().get('/events').query({ after: -1 }), 'after');
      expectFieldError(await http().get('/truces').query({ cursor: 'not-a-cursor' }), 'cursor');
      expectFieldError(await http().get(`/truces/${truceId}/incidents`).query({ classification: 'during' }), 'classification');
    });

    it('a malformed If-Match or Idempotency-Key header', async () => {
      await expectNothingWritten(async () => {
        const ifMatch = await http()
          .post(`/incidents/${incidentId}/denials`)
          .set(bearer('reporter'))
          .set(refused())
          .set('If-Match', 'version two')
          .send(aDenialBody());
        expectFieldError(ifMatch, 'If-Match');
        const key = await http()
          .post(`/incidents/${incidentId}/denials`)
          .set(bearer('reporter'))
          .set(refused())
          .set('Idempotency-Key', 'k'.repeat(201))
          .send(aDenialBody());
        expectProblem(key, 400);
      });
    });

    it('a deeply nested body → 400', async () => {
      await expectNothingWritten(async () => {
        const res = await http()
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .set(refused())
          .set('Content-Type', 'application/json')
          .send(deeplyNested());
        expectProblem(res, 400);
      });
    });

    it('a deeply nested body with an Idempotency-Key → 400, not 500', async () => {
      await expectNothingWritten(async () => {
        const res = await http()
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .set(refused())
          .set('Idempotency-Key', `deep-${randomUUID()}`)
          .set('Content-Type', 'application/json')
          .send(deeplyNested());
        expectProblem(res, 400);
      });
    });
  });

  describe('404: unknown ids', () => {
    it('an unknown truce id, valid UUID or not, on reads and writes', async () => {
      for (const id of [UNKNOWN_UUID, 'not-a-uuid', '12345']) {
        expectProblem(await http().get(`/truces/${id}`), 404);
        expectProblem(await http().get(`/truces/${id}/history`), 404);
        expectProblem(await http().get(`/truces/${id}/incidents`), 404);
      }
      await expectNothingWritten(async () => {
        for (const id of [UNKNOWN_UUID, 'not-a-uuid']) {
          expectProblem(await http().post(`/truces/${id}/incidents`).set(bearer('reporter')).set(refused()).send(aBreachBody()), 404);
          expectProblem(await http().post(`/truces/${id}/collapse`).set(bearer('admin')).set(refused()).send(aCollapseBody()), 404);
        }
        // An incident's id is not a truce's.
        expectProblem(await http().post(`/truces/${incidentId}/incidents`).set(bearer('reporter')).set(refused()).send(aBreachBody()), 404);
      });
      const all = await eventsAfter(firstHead);
      expect(all.filter((e) => e.streamId === `truce-${UNKNOWN_UUID}` || e.data?.truceId === UNKNOWN_UUID)).toEqual([]);
    });

    it('an unknown incident id, on reads and writes', async () => {
      for (const id of [UNKNOWN_UUID, 'kapan']) expectProblem(await http().get(`/incidents/${id}`), 404);
      await expectNothingWritten(async () => {
        expectProblem(await http().post(`/incidents/${UNKNOWN_UUID}/denials`).set(bearer('reporter')).set(refused()).send(aDenialBody()), 404);
        expectProblem(await http().post(`/incidents/${truceId}/verifications`).set(bearer('verifier')).set(refused()).send(aVerificationBody()), 404);
        // If-Match on a stream that does not exist is still a 404, not a 409.
        expectProblem(
          await http().post(`/incidents/${UNKNOWN_UUID}/denials`).set(bearer('reporter')).set(refused()).set('If-Match', '"1"').send(aDenialBody()),
          404,
        );
      });
      const all = await eventsAfter(firstHead);
      expect(all.filter((e) => e.streamId === `incident-${UNKNOWN_UUID}`)).toEqual([]);
    });

    it('an unknown stream, and an unknown route', async () => {
      expectProblem(await http().get(`/streams/incident-${UNKNOWN_UUID}/events`), 404);
      expectProblem(await http().get('/ceasefires'), 404);
    });
  });

  describe('422: well-formed requests the domain refuses', () => {
    it('accusedParty is not a party of the truce', async () => {
      await expectNothingWritten(async () => {
        const res = await http()
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .set(refused())
          .send(aBreachBody({ accusedParty: 'TUR' }));
        expectProblem(res, 422);
        expect(res.body.detail).toContain('TUR');
      });
    });

    it('a party reporter (the default reporterType) that is not a party', async () => {
      await expectNothingWritten(async () => {
        const res = await http()
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .set(refused())
          .send(aBreachBody({ reportedBy: 'RUS' }));
        expectProblem(res, 422);
      });
    });

    it('deniedBy is not a party of the truce', async () => {
      await expectNothingWritten(async () => {
        const res = await http()
          .post(`/incidents/${incidentId}/denials`)
          .set(bearer('reporter'))
          .set(refused())
          .send(aDenialBody({ deniedBy: 'TUR' }));
        expectProblem(res, 422);
      });
      const incident = await http().get(`/incidents/${incidentId}`);
      expect(incident.body.denials.map((d: { deniedBy: string }) => d.deniedBy)).not.toContain('TUR');
    });

    it('a window that ends before it starts, an unknown respondsTo, duplicate parties', async () => {
      await expectNothingWritten(async () => {
        const window = await http()
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .set(refused())
          .send(aBreachBody({ occurredAt: { from: '2020-10-10T09:00:00Z', to: '2020-10-10T08:00:00Z', precision: 'hour' } }));
        expectProblem(window, 422);
        const respondsTo = await http()
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .set(refused())
          .send(aBreachBody({ respondsTo: UNKNOWN_UUID }));
        expectProblem(respondsTo, 422);
        const duplicate = await http()
          .post('/truces')
          .set(bearer('admin'))
          .set(refused())
          .send(
            aTruceBody({
              parties: [
                { id: 'ARM', name: 'Armenia' },
                { id: 'ARM', name: 'Armenia again' },
              ],
            }),
          );
        expectProblem(duplicate, 422);
      });
    });

    // A second collapse is a correction, accepted (DOMAIN.md); reopening what never collapsed is not.
    it('reopening a truce with no collapse or end that counts', async () => {
      const other = await newTruce(`Reopen, never collapsed ${randomUUID()}`);
      await expectNothingWritten(async () => {
        const reopen = await http().post(`/truces/${other}/reopen`).set(bearer('admin')).set(refused()).send({ reason: 'Recorded in error' });
        expectProblem(reopen, 422, 'TRUCE.NOTHING_TO_REOPEN');
      }, other);
      const status = await http().get(`/truces/${other}`).query({ at: '2020-10-10T12:30:00Z' });
      expect(status.body.status).not.toBe('collapsed');
    });

    it('ending a truce as superseded by one never recorded', async () => {
      const other = await newTruce(`Superseded by nothing ${randomUUID()}`);
      await expectNothingWritten(async () => {
        const end = await http()
          .post(`/truces/${other}/end`)
          .set(bearer('admin'))
          .set(refused())
          .send({ reason: 'superseded', successorTruceId: randomUUID() });
        expectProblem(end, 422, 'TRUCE.UNKNOWN_SUCCESSOR');
      }, other);
    });
  });

  describe('409: If-Match with a stale version', () => {
    it('refuses a stale version and accepts the current one, answering the new ETag', async () => {
      const incident = await newIncident();
      const current = await http().get(`/incidents/${incident}`);
      expect(current.body.streamVersion).toBe(1);

      const ok = await http().post(`/incidents/${incident}/denials`).set(bearer('reporter')).set('If-Match', '"1"').send(aDenialBody());
      expect(ok.status).toBe(201);
      expect(ok.body.streamVersion).toBe(2);
      expect(ok.headers.etag).toBe('"2"');

      await expectNothingWritten(async () => {
        const stale = await http().post(`/incidents/${incident}/denials`).set(bearer('reporter')).set(refused()).set('If-Match', '"1"').send(aDenialBody());
        expectProblem(stale, 409);
        const ahead = await http().post(`/incidents/${incident}/denials`).set(bearer('reporter')).set(refused()).set('If-Match', '"7"').send(aDenialBody());
        expectProblem(ahead, 409);
      });
      const stream = await http().get(`/streams/incident-${incident}/events`);
      expect(stream.body.items.map((e: { type: string }) => e.type)).toEqual(['BreachReported', 'BreachDenied']);

      const next = await http().post(`/incidents/${incident}/denials`).set(bearer('reporter')).set('If-Match', ok.headers.etag).send(aDenialBody());
      expect(next.status).toBe(201);
      expect(next.headers.etag).toBe('"3"');
    });

    it('If-Match on a truce stream (collapse)', async () => {
      const other = await newTruce(`If-Match collapse ${randomUUID()}`);
      await expectNothingWritten(async () => {
        const stale = await http().post(`/truces/${other}/collapse`).set(bearer('admin')).set(refused()).set('If-Match', '"2"').send(aCollapseBody());
        expectProblem(stale, 409);
      }, other);
      const ok = await http().post(`/truces/${other}/collapse`).set(bearer('admin')).set('If-Match', '"1"').send(aCollapseBody());
      expect(ok.status).toBe(201);
      expect(ok.headers.etag).toBe('"2"');
    });
  });

  describe('Idempotency-Key', () => {
    it('same key and body: the identical first response, nothing appended', async () => {
      const incident = await newIncident();
      const key = `deny-${randomUUID()}`;
      const first = await http().post(`/incidents/${incident}/denials`).set(bearer('reporter')).set('Idempotency-Key', key).send(aDenialBody());
      expect(first.status).toBe(201);

      await expectNothingWritten(async () => {
        const again = await http()
          .post(`/incidents/${incident}/denials`)
          .set(bearer('reporter'))
          .set(refused())
          .set('Idempotency-Key', key)
          .send(aDenialBody());
        expect(again.status).toBe(201);
        expect(again.body).toEqual(first.body);
        expect(again.headers.etag).toBe(first.headers.etag);
        // The same body with its keys in another order is the same body.
        const reordered = Object.fromEntries(Object.entries(aDenialBody()).reverse());
        const third = await http().post(`/incidents/${incident}/denials`).set(bearer('reporter')).set(refused()).set('Idempotency-Key', key).send(reordered);
        expect(third.status).toBe(201);
        expect(third.body).toEqual(first.body);
      });
      const stream = await http().get(`/streams/incident-${incident}/events`);
      expect(stream.body.items).toHaveLength(2);
    });

    it('the first response even after the stream has moved on', async () => {
      const incident = await newIncident();
      const key = `deny-${randomUUID()}`;
      const first = await http().post(`/incidents/${incident}/denials`).set(bearer('reporter')).set('Idempotency-Key', key).send(aDenialBody());
      expect(first.status).toBe(201);
      const other = await http()
        .post(`/incidents/${incident}/denials`)
        .set(bearer('reporter'))
        .send(aDenialBody({ statement: 'A second statement.' }));
      expect(other.status).toBe(201);
      const again = await http().post(`/incidents/${incident}/denials`).set(bearer('reporter')).set('Idempotency-Key', key).send(aDenialBody());
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.etag).toBe('"2"');
      const stream = await http().get(`/streams/incident-${incident}/events`);
      expect(stream.body.items).toHaveLength(3);
    });

    it('same key, another body → 422, nothing appended', async () => {
      const incident = await newIncident();
      const key = `deny-${randomUUID()}`;
      const first = await http().post(`/incidents/${incident}/denials`).set(bearer('reporter')).set('Idempotency-Key', key).send(aDenialBody());
      expect(first.status).toBe(201);
      await expectNothingWritten(async () => {
        const other = await http()
          .post(`/incidents/${incident}/denials`)
          .set(bearer('reporter'))
          .set(refused())
          .set('Idempotency-Key', key)
          .send(aDenialBody({ statement: 'Another statement' }));
        expectProblem(other, 422);
      });
      const stream = await http().get(`/streams/incident-${incident}/events`);
      expect(stream.body.items).toHaveLength(2);
    });

    it('POST /truces replayed: the same truceId, one TruceAgreed', async () => {
      const name = `Idempotent truce ${randomUUID()}`;
      const key = `agree-${randomUUID()}`;
      const first = await http().post('/truces').set(bearer('admin')).set('Idempotency-Key', key).send(aTruceBody({ name }));
      expect(first.status).toBe(201);
      const again = await http().post('/truces').set(bearer('admin')).set(refused()).set('Idempotency-Key', key).send(aTruceBody({ name }));
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      const all = await eventsAfter(firstHead);
      expect(all.filter((e) => e.type === 'TruceAgreed' && e.data.name === name)).toHaveLength(1);
    });

    it('concurrent repeats of one keyed request write once', async () => {
      const key = `report-${randomUUID()}`;
      const body = aBreachBody({ description: `Concurrent idempotent report ${key}` });
      const before = await http().get(`/truces/${truceId}/incidents`).query({ limit: 100 });
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => http().post(`/truces/${truceId}/incidents`).set(bearer('reporter')).set('Idempotency-Key', key).send(body)),
      );
      for (const res of responses) {
        expect(res.status).toBe(201);
        expect(res.body).toEqual(responses[0].body);
      }
      const after = await http().get(`/truces/${truceId}/incidents`).query({ limit: 100 });
      expect(after.body.items).toHaveLength(before.body.items.length + 1);
      const all = await eventsAfter(firstHead);
      expect(all.filter((e) => e.type === 'BreachReported' && e.data.description === body.description)).toHaveLength(1);
    });

    it('is scoped to the path and to the API key', async () => {
      const [a, b] = [await newIncident(), await newIncident()];
      const key = `scoped-${randomUUID()}`;
      const onA = await http().post(`/incidents/${a}/denials`).set(bearer('reporter')).set('Idempotency-Key', key).send(aDenialBody());
      const onB = await http().post(`/incidents/${b}/denials`).set(bearer('reporter')).set('Idempotency-Key', key).send(aDenialBody());
      const byVerifier = await http().post(`/incidents/${a}/denials`).set(bearer('verifier')).set('Idempotency-Key', key).send(aDenialBody());
      expect([onA.status, onB.status, byVerifier.status]).toEqual([201, 201, 201]);
      expect(new Set([onA.body.position, onB.body.position, byVerifier.body.position]).size).toBe(3);
      expect(byVerifier.body.streamVersion).toBe(3);
    });
  });

  describe('413: a body over the limit', () => {
    it('refuses a body over 1 MB', async () => {
      await expectNothingWritten(async () => {
        const res = await http()
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .set(refused())
          .send(aBreachBody({ description: 'x'.repeat(1_100_000) }));
        expectProblem(res, 413);
      });
    });

    it('accepts a body just under the limit as far as size goes (then validates it)', async () => {
      await expectNothingWritten(async () => {
        // 900 kB passes the size limit; the description's own limit (20 000) makes it a 400.
        const res = await http()
          .post(`/truces/${truceId}/incidents`)
          .set(bearer('reporter'))
          .set(refused())
          .send(aBreachBody({ description: 'x'.repeat(900_000) }));
        expectFieldError(res, 'description');
      });
    });
  });

  describe('429: too many failed authentications from one client', () => {
    let limited: TestApp;

    beforeAll(async () => {
      // Its own app instance: the failure counter is per process, and this one is default-configured.
      limited = await createTestApp({ now: '2020-10-10T09:00:00Z' });
      recordResponses(limited);
    });

    afterAll(async () => {
      await limited?.app.close();
    });

    it('answers the 21st failure within a minute with 429 and Retry-After; a valid key still gets through', async () => {
      const http2 = () => request(limited.http());
      for (let i = 1; i <= 20; i++) {
        const res = await http2()
          .post('/truces')
          .set({ Authorization: `Bearer guess-${i}-xxxxxxxx` })
          .set(refused())
          .send(aTruceBody());
        expectProblem(res, 401);
      }
      const locked = await http2().post('/truces').set({ Authorization: 'Bearer guess-21-xxxxxxxx' }).set(refused()).send(aTruceBody());
      expectProblem(locked, 429);
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);

      const noKey = await http2().post('/truces').set(refused()).send(aTruceBody());
      expectProblem(noKey, 429);

      const name = `Written while the address is locked out ${randomUUID()}`;
      const valid = await http2().post('/truces').set(bearer('admin')).send(aTruceBody({ name }));
      expect(valid.status).toBe(201);
      expect(valid.body.truceId).toBeDefined();
      const read = await http2().get(`/truces/${valid.body.truceId}`);
      expect(read.status).toBe(200);
      expect(read.body.name).toBe(name);
    });

    it('honours a configured limit (AUTH_FAILURE_LIMIT)', async () => {
      const small = await createTestApp({ env: { AUTH_FAILURE_LIMIT: '5' } });
      recordResponses(small);
      try {
        for (let i = 1; i <= 5; i++) {
          expectProblem(await request(small.http()).post('/truces').set({ Authorization: 'Bearer nope-nope-nope' }).set(refused()).send(aTruceBody()), 401);
        }
        const locked = await request(small.http()).post('/truces').set({ Authorization: 'Bearer nope-nope-nope' }).set(refused()).send(aTruceBody());
        expectProblem(locked, 429);
        expect(locked.headers['retry-after']).toMatch(/^\d+$/);
        const valid = await request(small.http()).post(`/incidents/${incidentId}/denials`).set(bearer('reporter')).send(aDenialBody());
        expect(valid.status).toBe(201);
      } finally {
        await small.app.close();
      }
    });
  });

  describe('Across the requests above', () => {
    it('the log still checks out', async () => {
      const res = await http().get('/integrity');
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(true);
    });
  });
});
