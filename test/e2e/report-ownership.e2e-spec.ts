import request from 'supertest';
import { aBreachBody, aTruceBody, AP_NEWSCLICK } from '../support/builders';
import { expectNothingWritten } from '../support/expectations';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/**
 * A report belongs to the desk that filed it (API.md, "retractions"): a rival party's desk
 * holding a reporter key of its own must not erase or rewrite it. Only the key that reported
 * the incident, or an admin, may retract it or revise its casualties; events name who acted.
 */
describe('who may retract or revise a report', () => {
  let t: TestApp;
  let truceId: string;

  const newIncident = async () =>
    (await request(t.http()).post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(aBreachBody())).body.incidentId as string;
  const streamOf = async (incidentId: string) => (await request(t.http()).get(`/streams/incident-${incidentId}/events`)).body.items;
  const retract = (incidentId: string, key: 'reporter' | 'otherReporter' | 'verifier' | 'admin') =>
    request(t.http()).post(`/incidents/${incidentId}/retractions`).set(bearer(key)).send({ reason: 'Entered in error.' });
  const revise = (incidentId: string, key: 'reporter' | 'otherReporter' | 'verifier' | 'admin') =>
    request(t.http())
      .post(`/incidents/${incidentId}/casualty-revisions`)
      .set(bearer(key))
      .send({ casualties: { killed: { civilian: 0 } }, sources: [AP_NEWSCLICK] });

  beforeAll(async () => {
    t = await createTestApp();
    truceId = (await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody())).body.truceId;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('another reporter desk can neither retract nor revise the report (403), and nothing is written', async () => {
    const incidentId = await newIncident();
    await expectNothingWritten(t, [`incident-${incidentId}`], async () => {
      for (const res of [await retract(incidentId, 'otherReporter'), await revise(incidentId, 'otherReporter')]) {
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.code).toBe('INCIDENT.NOT_REPORTER');
      }
    });
    expect((await streamOf(incidentId)).map((e: { type: string }) => e.type)).toEqual(['BreachReported']);
    const incident = (await request(t.http()).get(`/incidents/${incidentId}`)).body;
    expect(incident.retracted).toBe(false);
    expect(incident.casualties.killed.civilian).toBe(1);
  });

  it('an admin may retract it; the event names the admin, not the original reporter', async () => {
    const incidentId = await newIncident();
    const res = await retract(incidentId, 'admin');
    expect(res.status).toBe(201);
    const last = (await streamOf(incidentId)).at(-1);
    expect(last.type).toBe('ReportRetracted');
    expect(last.data.by).toBe('ada-admin');
    expect(last.metadata.actor).toBe('ada-admin');
  });

  it('the reporting key may revise its own report; the event is entered under that key', async () => {
    const incidentId = await newIncident();
    expect((await revise(incidentId, 'reporter')).status).toBe(201);
    const last = (await streamOf(incidentId)).at(-1);
    expect(last.type).toBe('CasualtiesRevised');
    expect(last.metadata.actor).toBe('alice-reporter');
  });
});
