import { AddressInfo } from 'node:net';
import request from 'supertest';
import { recordReferenceCase } from '../../src/demo/record-reference-case';
import { createTestApp, KEYS, TestApp } from '../support/test-app';

// `npm run demo` records the 10 October 2020 case (AP via NewsClick, 10 Oct 2020) through the
// HTTP API; this drives the same recorder.
describe('the demo: the 10 October 2020 truce', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2026-11-27T10:00:00Z' });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('tells the story the source tells: both sides accused, both denied, nothing verified → contested', async () => {
    const { truceId, incidentIds } = await recordReferenceCase(baseUrl, KEYS);
    const summary = (await request(t.http()).get(`/truces/${truceId}`)).body;
    expect(summary.status).toBe('contested');
    // Revised from AP's "noon (0800 GMT)" to TASS's "12:00 Moscow time", both sources cited.
    expect(summary.effectiveAt).toBe('2020-10-10T09:00:00.000Z');
    expect(summary.effectiveAtSource).toEqual({ text: 'from 12:00 Moscow time', timezone: 'Europe/Moscow' });
    expect(summary.counts).toMatchObject({ preTruce: 0, ambiguous: 0, afterEnd: 0 });
    const asAgreed = (await request(t.http()).get(`/truces/${truceId}/history`)).body.items;
    const revision = asAgreed.find((e: { type: string }) => e.type === 'TruceEffectiveTimeRevised');
    expect(revision.data.sources.map((s: { name: string }) => s.name)).toEqual([expect.stringContaining('NewsClick'), 'TASS, 10 October 2020']);
    expect(revision.data.reason).toContain('disagree');
    expect(summary.counts).toMatchObject({ breaches: 2, denied: 2, byVerification: { unverified: 2, corroborated: 0, confirmed: 0 } });
    const byId = Object.fromEntries(summary.tally.map((p: { id: string }) => [p.id, p]));
    expect(byId.ARM).toMatchObject({ reportsMade: 1, accusedIn: 1, deniedCount: 1 });
    expect(byId.AZE).toMatchObject({ reportsMade: 1, accusedIn: 1, deniedCount: 1 });
    expect(byId.AZE.casualtiesAlleged.killed.civilian).toBe(1);

    const before = (await request(t.http()).get(`/truces/${truceId}?at=2020-10-10T08:59:00Z`)).body;
    expect(before.status).toBe('pending');

    const kapan = (await request(t.http()).get(`/incidents/${incidentIds[0]}`)).body;
    expect(kapan.denials).toHaveLength(1);
    expect(kapan.denials[0]).toMatchObject({ deniedBy: 'AZE', characterization: 'provocation' });
    expect(kapan.verification.history).toEqual([expect.objectContaining({ status: 'unverified', note: "The claims couldn't be independently verified." })]);
    const strikes = (await request(t.http()).get(`/incidents/${incidentIds[1]}`)).body;
    expect(strikes.respondsTo).toBe(incidentIds[0]);
    for (const incident of [kapan, strikes]) expect(incident.sources[0].name).toContain('NewsClick');
  });

  it('running it again records nothing twice (every request carries an Idempotency-Key)', async () => {
    const first = await recordReferenceCase(baseUrl, KEYS);
    const history = (await request(t.http()).get(`/truces/${first.truceId}/history`)).body.items.length;
    const again = await recordReferenceCase(baseUrl, KEYS);
    expect(again).toEqual(first);
    expect((await request(t.http()).get(`/truces/${first.truceId}/history`)).body.items).toHaveLength(history);
    expect(history).toBe(8);
  });
});
