/**
 * The verifiable log over HTTP (API.md, "Proofs"; ADR 0004): what an outsider fetches, checked
 * only with src/verifier — the standalone library an auditor would copy — and the key this test
 * pins (TEST_CHECKPOINT), never with the service's own code.
 */
import { execFile } from 'node:child_process';
import { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import request from 'supertest';
import { httpTransport } from '../../src/cli/audit';
import { audit } from '../../src/verifier/auditor';
import { parseCheckpoint, verifyCheckpoint } from '../../src/verifier/checkpoint';
import { recomputeEventHash, ServedEvent } from '../../src/verifier/event-hash';
import { leafHash, verifyConsistency, verifyInclusion } from '../../src/verifier/merkle';
import { aBreachBody, aDenialBody, aTruceBody } from '../support/builders';
import { MemoryStateStore } from '../../src/verifier/testing/fake-log';
import { openSse } from '../support/sse';
import { bearer, createTestApp, TEST_CHECKPOINT, TestApp } from '../support/test-app';

const hex = (hashes: string[]) => hashes.map((h) => Buffer.from(h, 'hex'));

describe('the verifiable log over HTTP (e2e)', () => {
  let t: TestApp;
  let baseUrl: string;
  let truceId: string;
  let incidentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    truceId = (await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody()).expect(201)).body.truceId;
    t.clock.set(new Date('2020-10-10T09:00:00Z'));
    incidentId = (await request(t.http()).post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(aBreachBody()).expect(201)).body.incidentId;
    await request(t.http()).post(`/incidents/${incidentId}/denials`).set(bearer('reporter')).send(aDenialBody()).expect(201);
  });
  afterAll(async () => {
    await t?.app.close();
  });

  const checkpointJson = async () =>
    (await request(t.http()).get('/checkpoint?format=json').expect(200)).body as { origin: string; treeSize: number; rootHash: string; signedNote: string };

  it('GET /checkpoint/key serves the verifier key the service signs with, as text', async () => {
    const res = await request(t.http()).get('/checkpoint/key').expect(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe(TEST_CHECKPOINT.verifierKey);
  });

  it('GET /checkpoint is a signed note the pinned key verifies, covering every event; ?format=json gives its fields', async () => {
    const text = await request(t.http()).get('/checkpoint').expect(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    const verified = verifyCheckpoint(text.text, TEST_CHECKPOINT.verifierKey);
    if (!verified.ok) throw new Error(verified.message);
    expect(text.text).toMatch(/^ceasefire-monitor\.test\/log\n\d+\n[A-Za-z0-9+/]{43}=\n\n— ceasefire-monitor\.test\/log [A-Za-z0-9+/=]+\n$/);

    const json = await checkpointJson();
    // The log may only have grown between the two requests.
    expect(json.treeSize).toBeGreaterThanOrEqual(verified.checkpoint.treeSize);
    expect(json.origin).toBe(TEST_CHECKPOINT.origin);
    const inside = parseCheckpoint(json.signedNote.slice(0, json.signedNote.indexOf('\n\n') + 1));
    expect({ treeSize: inside.treeSize, rootHash: inside.rootHash.toString('hex') }).toEqual({ treeSize: json.treeSize, rootHash: json.rootHash });
    expect(verifyCheckpoint(json.signedNote, TEST_CHECKPOINT.verifierKey).ok).toBe(true);

    // Every logIndex below the tree size is served, once, and nothing above it.
    const indexes: number[] = [];
    for (let after = 0; ;) {
      const page = (await request(t.http()).get(`/events?after=${after}&limit=1000`).expect(200)).body;
      indexes.push(...page.items.map((e: { logIndex: number }) => e.logIndex));
      if (page.items.length < 1000) break;
      after = page.nextAfter;
    }
    expect(indexes).toEqual(Array.from({ length: json.treeSize }, (_, i) => i));
  });

  it('an event fetched over HTTP hashes to its hash, and its inclusion proof fetched over HTTP reaches the signed root', async () => {
    const checkpoint = verifyCheckpoint(
      await request(t.http())
        .get('/checkpoint')
        .then((r) => r.text),
      TEST_CHECKPOINT.verifierKey,
    );
    if (!checkpoint.ok) throw new Error(checkpoint.message);
    const { treeSize, rootHash } = checkpoint.checkpoint;
    const stream = (await request(t.http()).get(`/streams/incident-${incidentId}/events`).expect(200)).body.items as ServedEvent[];
    expect(stream).toHaveLength(2);

    for (const event of stream) {
      expect(recomputeEventHash(event)).toBe(event.hash);
      const proof = (await request(t.http()).get(`/proofs/inclusion?logIndex=${event.logIndex}&treeSize=${treeSize}`).expect(200)).body;
      expect(proof).toEqual({
        logIndex: event.logIndex,
        treeSize,
        leafHash: leafHash(Buffer.from(event.hash, 'hex')).toString('hex'),
        path: expect.any(Array),
      });
      expect(verifyInclusion(event.logIndex, treeSize, Buffer.from(proof.leafHash, 'hex'), hex(proof.path), rootHash)).toBe(true);
      // Not a proof of anything else: another leaf, or another tree size.
      expect(
        verifyInclusion(
          event.logIndex,
          treeSize,
          leafHash(Buffer.from(stream[0].hash === event.hash ? stream[1].hash : stream[0].hash, 'hex')),
          hex(proof.path),
          rootHash,
        ),
      ).toBe(false);
    }
  });

  it('the auditor of `npm run audit` reads the real endpoints: trusts the served key on first use, then proves the log grew', async () => {
    const state = new MemoryStateStore();
    const transport = httpTransport(baseUrl);
    const first = await audit({ transport, store: state, replay: 'always' });
    expect(first).toMatchObject({ ok: true, outcome: 'first-use', verifierKey: TEST_CHECKPOINT.verifierKey, replayed: true });
    await request(t.http())
      .post(`/incidents/${incidentId}/verifications`)
      .set(bearer('verifier'))
      .send({ status: 'corroborated', by: 'Monitor', method: 'independent_sources' })
      .expect(201);
    const second = await audit({ transport, store: state, replay: 'always' });
    expect(second).toMatchObject({ ok: true, outcome: 'extended', treeSize: first.ok ? first.treeSize + 1 : NaN, replayed: true });
  });

  it('the README’s worked example (scripts/verify-event.mjs, Node alone) verifies an event against the pinned key', async () => {
    const [denial] = (await request(t.http()).get(`/streams/incident-${incidentId}/events`).expect(200)).body.items.slice(1);
    const { stdout } = await promisify(execFile)(process.execPath, [
      'scripts/verify-event.mjs',
      baseUrl,
      String(denial.position),
      '--key',
      TEST_CHECKPOINT.verifierKey,
    ]);
    expect(stdout).toContain(`prevHash is the hash of incident-${incidentId} v1`);
    expect(stdout).toMatch(
      new RegExp(`OK: event ${denial.position} is entry ${denial.logIndex} of the log ceasefire-monitor\\.test/log as signed at size \\d+\\n$`),
    );
  });

  it('a checkpoint taken before more appends is proven a prefix of the one after', async () => {
    const before = await checkpointJson();
    await request(t.http()).post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(aBreachBody()).expect(201);
    await request(t.http()).post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(aBreachBody()).expect(201);
    const after = await checkpointJson();
    expect(after.treeSize).toBe(before.treeSize + 2);

    const proof = (await request(t.http()).get(`/proofs/consistency?from=${before.treeSize}&to=${after.treeSize}`).expect(200)).body;
    expect(proof.from).toBe(before.treeSize);
    expect(proof.to).toBe(after.treeSize);
    expect(verifyConsistency(before.treeSize, after.treeSize, Buffer.from(before.rootHash, 'hex'), Buffer.from(after.rootHash, 'hex'), hex(proof.path))).toBe(
      true,
    );
    expect(verifyConsistency(before.treeSize, after.treeSize, Buffer.from(after.rootHash, 'hex'), Buffer.from(after.rootHash, 'hex'), hex(proof.path))).toBe(
      false,
    );

    // The trivial cases: from 0, and a size to itself.
    await expect(
      request(t.http())
        .get(`/proofs/consistency?from=0&to=${after.treeSize}`)
        .then((r) => r.body),
    ).resolves.toEqual({ from: 0, to: after.treeSize, path: [] });
    await expect(
      request(t.http())
        .get(`/proofs/consistency?from=${after.treeSize}&to=${after.treeSize}`)
        .then((r) => r.body),
    ).resolves.toEqual({ from: after.treeSize, to: after.treeSize, path: [] });
  });

  it('GET /integrity carries the signed checkpoint of exactly the events its digest covers', async () => {
    const report = (await request(t.http()).get('/integrity').expect(200)).body;
    expect(report.ok).toBe(true);
    const verified = verifyCheckpoint(report.checkpoint.signedNote, TEST_CHECKPOINT.verifierKey);
    expect(verified.ok).toBe(true);
    const events = (
      await request(t.http())
        .get(`/events?after=${report.headPosition - 1}&limit=1`)
        .expect(200)
    ).body.items;
    expect(report.checkpoint.treeSize).toBe(events[0].logIndex + 1);
    expect(report.checkpoint.treeSize).toBe(report.checkedEvents);
    expect(report.checkpoint).toEqual(
      await request(t.http())
        .get(`/checkpoint?format=json`)
        .then((r) => r.body),
    );
  });

  it('every read of events carries logIndex: /events, /streams/{id}/events, the truce history and /events/live', async () => {
    const page = (await request(t.http()).get('/events?after=0&limit=1000').expect(200)).body.items;
    const history = (await request(t.http()).get(`/truces/${truceId}/history`).expect(200)).body.items;
    const stream = (await request(t.http()).get(`/streams/truce-${truceId}/events`).expect(200)).body.items;
    for (const event of [...page, ...history, ...stream]) expect(Number.isSafeInteger(event.logIndex)).toBe(true);
    const fromPage = new Map(page.map((e: { position: number; logIndex: number }) => [e.position, e.logIndex]));
    for (const event of history) expect(event.logIndex).toBe(fromPage.get(event.position) ?? event.logIndex);

    const last = page[page.length - 1];
    const feed = await openSse(`${baseUrl}/events/live?after=${last.position - 1}`);
    try {
      const deadline = Date.now() + 5000;
      while (!feed.events.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(feed.events[0].data).toMatchObject({ position: last.position, logIndex: last.logIndex });
    } finally {
      feed.close();
    }
  });

  describe('refuses bad parameters with 400 problem+json, never 500', () => {
    it.each([
      ['/proofs/inclusion', 'REQUEST.INVALID', 'logIndex'],
      ['/proofs/inclusion?logIndex=0', 'REQUEST.INVALID', 'treeSize'],
      ['/proofs/inclusion?logIndex=1e0&treeSize=2', 'REQUEST.INVALID', 'logIndex'],
      ['/proofs/inclusion?logIndex=0&treeSize=0x10', 'REQUEST.INVALID', 'treeSize'],
      ['/proofs/inclusion?logIndex=-1&treeSize=2', 'REQUEST.INVALID', 'logIndex'],
      ['/proofs/inclusion?logIndex=&treeSize=2', 'REQUEST.INVALID', 'logIndex'],
      ['/proofs/inclusion?logIndex=0&treeSize=0', 'REQUEST.INVALID', 'treeSize'],
      ['/proofs/inclusion?logIndex=2&treeSize=2', 'REQUEST.INVALID', 'logIndex'],
      ['/proofs/inclusion?logIndex=0&treeSize=99999999999999999', 'REQUEST.INVALID', 'treeSize'],
      ['/proofs/inclusion?logIndex=0&treeSize=1&extra=1', 'REQUEST.INVALID', 'extra'],
      ['/proofs/consistency?from=1', 'REQUEST.INVALID', 'to'],
      ['/proofs/consistency?from=a&to=2', 'REQUEST.INVALID', 'from'],
      ['/proofs/consistency?from=3&to=2', 'REQUEST.INVALID', 'from'],
      ['/checkpoint?format=xml', 'REQUEST.INVALID', 'format'],
    ])('GET %s → %s on %s', async (path, code, field) => {
      const res = await request(t.http()).get(path).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body).toMatchObject({ status: 400, code, errors: expect.arrayContaining([expect.objectContaining({ field })]) });
    });

    it('a tree size beyond the log is 400 PROOF.BEYOND_LOG, naming the size the log has', async () => {
      const { treeSize } = await checkpointJson();
      for (const path of [
        `/proofs/inclusion?logIndex=0&treeSize=${treeSize + 1}`,
        `/proofs/consistency?from=1&to=${treeSize + 1}`,
        `/proofs/consistency?from=${treeSize + 1}&to=${treeSize + 5}`,
      ]) {
        const res = await request(t.http()).get(path).expect(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body).toMatchObject({ status: 400, code: 'PROOF.BEYOND_LOG', detail: expect.stringContaining(`${treeSize} entries`) });
      }
      // At the log's size exactly, it is a proof.
      await request(t.http())
        .get(`/proofs/inclusion?logIndex=${treeSize - 1}&treeSize=${treeSize}`)
        .expect(200);
    });
  });

  it('OpenAPI describes the endpoints, their text and JSON forms with examples, and logIndex on events', async () => {
    const doc = (await request(t.http()).get('/docs-json').expect(200)).body;
    const checkpoint = doc.paths['/checkpoint'].get;
    expect(Object.keys(checkpoint.responses['200'].content).sort()).toEqual(['application/json', 'text/plain']);
    expect(checkpoint.responses['200'].content['text/plain'].schema.example).toContain('— ceasefire.example/log ');
    expect(doc.paths['/checkpoint/key'].get.responses['200'].content['text/plain'].schema.example).toMatch(/^ceasefire\.example\/log\+[0-9a-f]{8}\+/);
    for (const path of ['/proofs/inclusion', '/proofs/consistency']) {
      const op = doc.paths[path].get;
      expect(op.responses['400'].content['application/problem+json']).toBeDefined();
      expect(op.parameters.every((p: { required: boolean }) => p.required)).toBe(true);
    }
    for (const name of ['Checkpoint', 'InclusionProof', 'ConsistencyProof']) {
      for (const property of Object.values<{ example?: unknown }>(doc.components.schemas[name].properties)) expect(property.example).toBeDefined();
    }
    expect(doc.components.schemas.Event.required).toContain('logIndex');
    expect(doc.components.schemas.IntegrityReport.properties.checkpoint).toBeDefined();
  });
});
