/**
 * What monitors publish (API.md): the time series of a truce in local buckets, and periodic
 * reports frozen at their record time with the log checkpoint of that instant — published, read
 * back as JSON and Markdown, listed, superseded, and recomputed after the record moved on.
 *
 * Reference case: the humanitarian truce of 10 October 2020 in Nagorno-Karabakh (AP via
 * NewsClick), in force at 08:00Z; Azerbaijan keeps UTC+4, so its 10 October runs from
 * 2020-10-09T20:00Z to 2020-10-10T20:00Z. Incidents other than the Kapan shelling are scenario
 * steps, NOT in the source.
 */
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CheckpointService } from '../../src/event-store/transparency/checkpoints';
import { DAILY_REPORT, publishDailyReport } from '../../src/demo/daily-report';
import { recordReferenceCase } from '../../src/demo/record-reference-case';
import { periodFigures } from '../../src/publish/domain/report-figures';
import { PublishedRecordReader } from '../../src/publish/published-record.reader';
import { aBreachBody, aCollapseBody, aTruceBody, aVerificationBody } from '../support/builders';
import { expectFieldError, expectNothingWritten, expectProblem, expectWritten } from '../support/expectations';
import { bearer, createTestApp, KEYS, TestApp } from '../support/test-app';

type Json = Record<string, unknown>;

const UNKNOWN_UUID = '5e0c2a7b-9d41-4f3e-8a6b-1c2d3e4f5a6b';
const BAKU_10_OCTOBER = { from: '2020-10-09T20:00:00Z', to: '2020-10-10T20:00:00Z' };

describe('What monitors publish (e2e)', () => {
  let t: TestApp;
  let last = 0;
  const http = () => request(t.http());
  /** Every write gets its own, later, record time. */
  const tick = () => t.clock.advance(60_000);

  beforeAll(async () => {
    t = await createTestApp({ now: '2020-10-10T07:00:00Z' });
  });

  afterAll(async () => {
    await t?.app.close();
  });

  async function newTruce(): Promise<string> {
    tick();
    const res = await http()
      .post('/truces')
      .set(bearer('admin'))
      .send(aTruceBody({ name: `Publish e2e ${randomUUID()}` }));
    last = expectWritten(res, { keys: ['truceId'] }).position;
    return res.body.truceId;
  }

  async function newIncident(truceId: string, overrides: Json = {}): Promise<string> {
    tick();
    const res = await http().post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(aBreachBody(overrides));
    last = expectWritten(res, { keys: ['incidentId', 'classification'] }).position;
    return res.body.incidentId;
  }

  /** An observation of Monitoring team 3 at 10:00 on 10 October: `fields` say what it saw and where. */
  async function newObservation(truceId: string, fields: Json): Promise<string> {
    tick();
    const res = await http()
      .post(`/truces/${truceId}/observations`)
      .set(bearer('reporter'))
      .send({
        observedBy: 'Monitoring team 3',
        observedAt: { from: '2020-10-10T10:00:00Z', precision: 'minute' },
        kind: 'explosion',
        sources: [{ name: 'Monitoring team 3' }],
        ...fields,
      });
    last = expectWritten(res, { keys: ['observationId', 'classification'] }).position;
    return res.body.observationId;
  }

  async function verify(incidentId: string, status: string): Promise<void> {
    tick();
    const res = await http().post(`/incidents/${incidentId}/verifications`).set(bearer('verifier')).send(aVerificationBody({ status }));
    last = expectWritten(res).position;
  }

  async function series(truceId: string, query: Json): Promise<any> {
    const res = await http()
      .get(`/truces/${truceId}/timeseries`)
      .query({ minPosition: last, ...query });
    expect(res.status).toBe(200);
    return res.body;
  }

  const aReportBody = (overrides: Json = {}): Json => ({
    title: 'Daily report, 10 October 2020 (Baku time)',
    period: BAKU_10_OCTOBER,
    tz: 'Asia/Baku',
    summary: 'Accusations on both sides within minutes of the truce; none verified.',
    ...overrides,
  });

  async function publish(truceId: string, overrides: Json = {}): Promise<any> {
    tick();
    const res = await http().post(`/truces/${truceId}/reports`).set(bearer('verifier')).send(aReportBody(overrides));
    last = expectWritten(res, { keys: ['reportId', 'asOf', 'checkpoint'] }).position;
    return res.body;
  }

  /** A truce with, in Baku days: a pre-truce shelling on the 9th, two breaches on the 10th (one refuted), one on the 11th. */
  async function givenAReferenceRecord() {
    const truceId = await newTruce();
    const preTruce = await newIncident(truceId, { occurredAt: { from: '2020-10-09T19:00:00Z', precision: 'minute' }, accusedParty: 'ARM', reportedBy: 'AZE' });
    const kapan = await newIncident(truceId);
    const refuted = await newIncident(truceId, { occurredAt: { from: '2020-10-10T10:00:00Z', precision: 'minute' }, casualties: { killed: { military: 5 } } });
    await verify(refuted, 'refuted');
    const terter = await newIncident(truceId, {
      reportedBy: 'AZE',
      accusedParty: 'ARM',
      occurredAt: { from: '2020-10-10T21:30:00Z', precision: 'minute' },
      weapons: ['missile'],
      casualties: { injured: { civilian: 2 } },
      location: { name: 'Terter', countryIso3: 'AZE', precision: 'region' },
    });
    // Read on 12 October (or later, once an earlier test has moved the clock past it).
    if (t.clock.now() < new Date('2020-10-12T00:00:00Z')) t.clock.set('2020-10-12T00:00:00Z');
    else tick();
    return { truceId, preTruce, kapan, refuted, terter };
  }

  describe('GET /truces/{id}/timeseries', () => {
    it('counts per local day in Asia/Baku (days start at 20:00Z), empty days as zeros, split by accused party', async () => {
      const { truceId } = await givenAReferenceRecord();
      const body = await series(truceId, { interval: 'day', tz: 'Asia/Baku', by: 'party', from: '2020-10-08T20:00:00Z', to: '2020-10-12T20:00:00Z' });
      const now = t.clock.now().toISOString();
      expect(body).toMatchObject({ truceId, interval: 'day', tz: 'Asia/Baku', by: 'party', at: now, asOf: now });
      expect(body.buckets.map((b: any) => [b.start, b.end, b.total.breaches])).toEqual([
        ['2020-10-08T20:00:00.000Z', '2020-10-09T20:00:00.000Z', 0], // the 9th: its shelling was before the truce
        ['2020-10-09T20:00:00.000Z', '2020-10-10T20:00:00.000Z', 1], // the 10th: Kapan (the refuted claim does not count)
        ['2020-10-10T20:00:00.000Z', '2020-10-11T20:00:00.000Z', 1], // 21:30Z on the 10th is the 11th in Baku
        ['2020-10-11T20:00:00.000Z', '2020-10-12T20:00:00.000Z', 0],
      ]);
      expect(body.buckets[1].total).toEqual({ breaches: 1, observations: 0, violationsObserved: 0, killed: 1, injured: 0 });
      expect(body.buckets[1].groups).toEqual({ AZE: { breaches: 1, observations: 0, killed: 1, injured: 0 } });
      expect(body.buckets[2].groups).toEqual({ ARM: { breaches: 1, observations: 0, killed: 0, injured: 2 } });
    });

    it('in UTC the same incidents fall on other days; by classification shows the pre-truce one, by verification the refuted one', async () => {
      const { truceId } = await givenAReferenceRecord();
      const utc = await series(truceId, { from: '2020-10-09T00:00:00Z', to: '2020-10-11T00:00:00Z' });
      expect(utc).toMatchObject({ interval: 'day', tz: 'UTC', by: 'party' });
      expect(utc.buckets.map((b: any) => b.total.breaches)).toEqual([0, 2]);
      const byClass = await series(truceId, { by: 'classification', from: '2020-10-09T00:00:00Z', to: '2020-10-11T00:00:00Z' });
      expect(byClass.buckets[0].groups).toEqual({ pre_truce: { breaches: 1, observations: 0, killed: 1, injured: 0 } });
      const byVerification = await series(truceId, { by: 'verification', from: '2020-10-10T00:00:00Z', to: '2020-10-11T00:00:00Z' });
      expect(Object.keys(byVerification.buckets[0].groups).sort()).toEqual(['refuted', 'unverified']);
      const byWeapon = await series(truceId, { by: 'weapon', interval: 'week', from: '2020-10-10T00:00:00Z', to: '2020-10-11T00:00:00Z' });
      expect(byWeapon.buckets).toHaveLength(1);
      expect(byWeapon.buckets[0].start).toBe('2020-10-05T00:00:00.000Z');
      expect(Object.keys(byWeapon.buckets[0].groups).sort()).toEqual(['artillery', 'missile']);
    });

    it('defaults to the range of the record, and keeps to the two clocks', async () => {
      const { truceId, kapan } = await givenAReferenceRecord();
      const whole = await series(truceId, { tz: 'Asia/Baku' });
      expect(whole.buckets.map((b: any) => b.start)).toEqual(['2020-10-08T20:00:00.000Z', '2020-10-09T20:00:00.000Z', '2020-10-10T20:00:00.000Z']);
      // Valid time: at 09:00Z on the 10th only Kapan had happened since the truce.
      const early = await series(truceId, { tz: 'Asia/Baku', at: '2020-10-10T09:00:00Z', from: '2020-10-09T20:00:00Z', to: '2020-10-11T20:00:00Z' });
      expect(early.buckets.map((b: any) => b.total.breaches)).toEqual([1, 0]);
      // Record time: before Kapan was recorded, nothing post-truce was known.
      const [kapanEvent] = (await http().get(`/streams/incident-${kapan}/events`)).body.items;
      const before = new Date(Date.parse(kapanEvent.recordedAt) - 1).toISOString();
      const known = await series(truceId, { tz: 'Asia/Baku', asOf: before, from: '2020-10-09T20:00:00Z', to: '2020-10-10T20:00:00Z' });
      expect(known.asOf).toBe(before);
      expect(known.buckets[0].total.breaches).toBe(0);
    });

    it('counts what occurred after the truce collapsed apart, as after_end', async () => {
      const truceId = await newTruce();
      tick();
      const collapsed = await http()
        .post(`/truces/${truceId}/collapse`)
        .set(bearer('admin'))
        .send(aCollapseBody({ at: '2020-10-11T00:00:00Z' }));
      last = expectWritten(collapsed).position;
      await newIncident(truceId, { occurredAt: { from: '2020-10-11T06:00:00Z', precision: 'minute' } });
      await newIncident(truceId);
      const day = { from: '2020-10-10T00:00:00Z', to: '2020-10-12T00:00:00Z', at: '2020-10-12T00:00:00Z' };
      const byClass = await series(truceId, { by: 'classification', ...day });
      expect(byClass.buckets.map((b: any) => [b.total.breaches, Object.keys(b.groups)])).toEqual([
        [1, ['post_truce']],
        [0, ['after_end']],
      ]);
    });

    it('counts observations apart from breaches, and the violations monitors observed among them', async () => {
      const truceId = await newTruce();
      const observationId = await newObservation(truceId, {
        position: { name: 'Kapan', lat: 39.2, lon: 46.4, precision: 'exact' },
        count: 12,
        assessment: 'ceasefire_violation',
        origin: 'AZE',
      });
      const body = await series(truceId, { tz: 'Asia/Baku', from: BAKU_10_OCTOBER.from, to: BAKU_10_OCTOBER.to, at: BAKU_10_OCTOBER.to });
      expect(body.buckets[0].total).toEqual({ breaches: 0, observations: 1, violationsObserved: 1, killed: 0, injured: 0 });
      expect(body.buckets[0].groups).toEqual({ AZE: { breaches: 0, observations: 1, killed: 0, injured: 0 } });
      const { reportId } = await publish(truceId);
      expect((await http().get(`/reports/${reportId}`)).body.observations).toEqual([observationId]);
    });

    it('splits by zone: an incident or observation in each zone containing its point, the rest unplaced', async () => {
      const truceId = await newTruce();
      tick();
      const square = (west: number, south: number, east: number, north: number) => ({
        type: 'Polygon',
        coordinates: [
          [
            [west, south],
            [east, south],
            [east, north],
            [west, north],
            [west, south],
          ],
        ],
      });
      const zone = await http()
        .post(`/truces/${truceId}/zones`)
        .set(bearer('verifier'))
        .send({ zoneId: 'kapan-area', name: 'Kapan area', kind: 'area_of_responsibility', geometry: square(46.3, 39.1, 46.5, 39.3) });
      last = expectWritten(zone, { keys: ['zoneId'] }).position;
      await newIncident(truceId, { location: { name: 'Kapan', countryIso3: 'ARM', lat: 39.2076, lon: 46.4058, precision: 'near' } });
      await newIncident(truceId, { location: { name: 'Kapan', countryIso3: 'ARM', precision: 'near' } });
      await newObservation(truceId, {
        position: { name: 'Goris', lat: 39.51, lon: 46.34, precision: 'exact' },
        estimatedLocation: { name: 'near Kapan', lat: 39.25, lon: 46.45, precision: 'near' },
        count: 3,
        assessment: 'undetermined',
      });
      const body = await series(truceId, { tz: 'Asia/Baku', by: 'zone', from: BAKU_10_OCTOBER.from, to: BAKU_10_OCTOBER.to, at: BAKU_10_OCTOBER.to });
      expect(body.buckets[0].total).toMatchObject({ breaches: 2, observations: 1 });
      expect(body.buckets[0].groups['kapan-area']).toEqual({ breaches: 1, observations: 1, killed: 1, injured: 0 });
      expect(body.buckets[0].groups.unspecified).toMatchObject({ breaches: 1, observations: 0 });
    });

    it('answers 400 for an unknown zone, interval or split, a backwards range or too many buckets; 404 for an unknown truce', async () => {
      const truceId = await newTruce();
      const get = (query: Json) => http().get(`/truces/${truceId}/timeseries`).query(query);
      expectFieldError(await get({ tz: 'Mars/Olympus_Mons' }), 'tz');
      expectFieldError(await get({ tz: '+04:00' }), 'tz');
      expectFieldError(await get({ interval: 'hour' }), 'interval');
      expectFieldError(await get({ by: 'colour' }), 'by');
      expectFieldError(await get({ from: 'yesterday' }), 'from');
      expectFieldError(await get({ from: '2020-10-11T00:00:00Z', to: '2020-10-10T00:00:00Z' }), 'to');
      expectFieldError(await get({ from: '2020-10-10T00:00:00Z', to: '2020-10-10T00:00:00Z' }), 'to');
      expectFieldError(await get({ from: '2019-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z' }), 'to');
      expect((await get({ interval: 'month', from: '2019-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z' })).body.buckets).toHaveLength(24);
      expectProblem(await http().get(`/truces/${UNKNOWN_UUID}/timeseries`), 404, 'TRUCE.NOT_FOUND');
    });
  });

  describe('reports', () => {
    it('publishes a report with the figures of the period as recorded, and the checkpoint of a log that holds them', async () => {
      const { truceId, kapan, refuted, terter } = await givenAReferenceRecord();
      const published = await publish(truceId);
      expect(published.asOf).toBe(t.clock.now().toISOString());
      const checkpoint = published.checkpoint;
      expect(checkpoint).toEqual(await t.app.get(CheckpointService).at(checkpoint.treeSize));
      // Every event recorded up to asOf is in the tree; the report's own event came after it.
      const [{ outside }] = await t.app
        .get(DataSource)
        .query('SELECT count(*)::int AS outside FROM events WHERE recorded_at <= $1 AND log_index >= $2', [published.asOf, checkpoint.treeSize]);
      expect(outside).toBe(1);
      const [{ log_index }] = await t.app
        .get(DataSource)
        .query("SELECT log_index FROM events WHERE type = 'ReportPublished' AND data->>'reportId' = $1", [published.reportId]);
      expect(Number(log_index)).toBe(checkpoint.treeSize);

      const res = await http().get(`/reports/${published.reportId}`).query({ minPosition: last });
      expect(res.status).toBe(200);
      const report = res.body;
      expect(report).toMatchObject({
        reportId: published.reportId,
        truceId,
        title: 'Daily report, 10 October 2020 (Baku time)',
        period: { from: '2020-10-09T20:00:00.000Z', to: '2020-10-10T20:00:00.000Z' },
        tz: 'Asia/Baku',
        asOf: published.asOf,
        checkpoint,
        supersedes: null,
        supersededBy: null,
        observations: [],
      });
      // Covered: what occurred in the Baku day (the refuted claim too); not the 11th's Terter strike.
      expect(report.incidents.sort()).toEqual([kapan, refuted].sort());
      expect(report.incidents).not.toContain(terter);
      expect(report.figures.summary).toMatchObject({ truceId, at: '2020-10-10T20:00:00.000Z', asOf: published.asOf, status: 'contested' });
      expect(report.figures.summary.counts).toMatchObject({ preTruce: 0, byVerification: { unverified: 1, refuted: 1 } });
      expect(report.figures.timeseries).toEqual([
        {
          start: '2020-10-09T20:00:00.000Z',
          end: '2020-10-10T20:00:00.000Z',
          total: { breaches: 1, observations: 0, violationsObserved: 0, killed: 1, injured: 0 },
          groups: { AZE: { breaches: 1, observations: 0, killed: 1, injured: 0 } },
        },
      ]);
    });

    it('recomputing the figures as of asOf gives the stored figures, after the record moved on', async () => {
      const { truceId, kapan } = await givenAReferenceRecord();
      const published = await publish(truceId);
      // Later findings about the same day: a new accusation, Kapan corroborated, its casualties revised.
      await newIncident(truceId, { occurredAt: { from: '2020-10-10T15:00:00Z', precision: 'hour' } });
      await verify(kapan, 'corroborated');
      tick();
      const revised = await http()
        .post(`/incidents/${kapan}/casualty-revisions`)
        .set(bearer('reporter'))
        .send({ casualties: { killed: { civilian: 3 } }, sources: [{ name: 'Scenario' }] });
      last = expectWritten(revised).position;

      const stored = (await http().get(`/reports/${published.reportId}`).query({ minPosition: last })).body;
      const record = await t.app.get(PublishedRecordReader).read(truceId, stored.asOf);
      const recomputed = periodFigures(record, stored.period, stored.tz, stored.asOf);
      expect(recomputed.figures).toEqual(stored.figures);
      expect(recomputed.incidents).toEqual(stored.incidents);
      // Through the API: the time series as of asOf is the report's.
      const asOf = await series(truceId, { tz: 'Asia/Baku', by: 'party', ...BAKU_10_OCTOBER, at: BAKU_10_OCTOBER.to, asOf: stored.asOf });
      expect(asOf.buckets).toEqual(stored.figures.timeseries);
      // …while today the same day reads differently.
      const now = await series(truceId, { tz: 'Asia/Baku', by: 'party', ...BAKU_10_OCTOBER });
      expect(now.buckets[0].total).toMatchObject({ breaches: 2, killed: 4 });
    });

    it('serves the report as Markdown a mission can publish: local period, figures, tallies, incidents, checkpoint', async () => {
      const { truceId, kapan } = await givenAReferenceRecord();
      const { reportId, checkpoint } = await publish(truceId, { summary: '# not a heading\nSecond line | with a pipe' });
      const res = await http().get(`/reports/${reportId}.md`).query({ minPosition: last });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/markdown/);
      const md: string = res.text;
      expect(md).toMatch(/^# Daily report, 10 October 2020 \(Baku time\)\n/);
      expect(md).toContain('2020-10-10 00:00 (UTC+04:00) to 2020-10-11 00:00 (UTC+04:00), Asia/Baku');
      expect(md).toContain('\\# not a heading');
      expect(md).toContain('| … unverified | 1 |');
      expect(md).toContain('| … refuted | 1 |');
      expect(md).toContain('| Azerbaijan (AZE) | 0 | 2 |');
      expect(md).toContain(`\`${kapan}\``);
      expect(md).toContain(checkpoint.signedNote.trimEnd());
      expect(md).toContain(`/proofs/consistency?from=${checkpoint.treeSize}`);
    });

    it("lists a truce's reports newest first; a correction names the report it supersedes, once", async () => {
      const { truceId } = await givenAReferenceRecord();
      const first = await publish(truceId);
      const correction = await publish(truceId, { title: 'Daily report, 10 October 2020 (corrected)', supersedes: first.reportId });
      const list = await http().get(`/truces/${truceId}/reports`).query({ minPosition: last });
      expect(list.status).toBe(200);
      expect(list.body.items.map((r: any) => [r.reportId, r.supersedes, r.supersededBy])).toEqual([
        [correction.reportId, first.reportId, null],
        [first.reportId, null, correction.reportId],
      ]);
      expect((await http().get(`/reports/${first.reportId}`)).body.supersededBy).toBe(correction.reportId);

      await expectNothingWritten(t, [`reports-${truceId}`], async () => {
        tick();
        const twice = await http()
          .post(`/truces/${truceId}/reports`)
          .set(bearer('verifier'))
          .send(aReportBody({ supersedes: first.reportId }));
        expectProblem(twice, 409, 'REPORT.ALREADY_SUPERSEDED');
      });
    });

    it('refuses what it cannot publish, and writes nothing', async () => {
      const { truceId } = await givenAReferenceRecord();
      const other = await newTruce();
      const { reportId: otherReport } = await publish(other);
      const post = (body: Json, role: 'verifier' | 'reporter' = 'verifier', id = truceId) => http().post(`/truces/${id}/reports`).set(bearer(role)).send(body);
      await expectNothingWritten(t, [`reports-${truceId}`], async () => {
        expectProblem(await http().post(`/truces/${truceId}/reports`).send(aReportBody()), 401);
        expectProblem(await post(aReportBody(), 'reporter'), 403);
        expectFieldError(await post(aReportBody({ tz: 'Nowhere/Town' })), 'tz');
        expectFieldError(await post(aReportBody({ period: { from: BAKU_10_OCTOBER.to, to: BAKU_10_OCTOBER.from } })), 'period.to');
        expectFieldError(await post(aReportBody({ period: { from: '2019-01-01T00:00:00Z', to: '2021-01-01T00:00:00Z' } })), 'period');
        expectFieldError(await post(aReportBody({ title: '' })), 'title');
        expectFieldError(await post(aReportBody({ supersedes: 'not-an-id' })), 'supersedes');
        expectProblem(await post(aReportBody({ supersedes: UNKNOWN_UUID })), 422, 'REPORT.SUPERSEDES_UNKNOWN');
        expectProblem(await post(aReportBody({ supersedes: otherReport })), 422, 'REPORT.SUPERSEDES_UNKNOWN');
        expectProblem(await post(aReportBody(), 'verifier', UNKNOWN_UUID), 404, 'TRUCE.NOT_FOUND');
      });
      expectProblem(await http().get(`/reports/${UNKNOWN_UUID}`), 404, 'REPORT.NOT_FOUND');
      expectProblem(await http().get(`/reports/${UNKNOWN_UUID}.md`), 404, 'REPORT.NOT_FOUND');
      expectProblem(await http().get(`/truces/${UNKNOWN_UUID}/reports`), 404, 'TRUCE.NOT_FOUND');
      expect((await http().get(`/truces/${truceId}/reports`)).body.items).toEqual([]);
    });
  });

  describe('the demo', () => {
    it('publishes the daily report of 10 October 2020 in Baku time, once however often it runs', async () => {
      // The demo's requests carry fixed Idempotency-Keys, so another file may have recorded the case already, at its own clock.
      if (t.clock.now() < new Date('2026-12-01T00:00:00Z')) t.clock.set('2026-12-01T00:00:00Z');
      await t.app.listen(0, '127.0.0.1');
      const baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      const { truceId, incidentIds } = await recordReferenceCase(baseUrl, KEYS);
      const first = await publishDailyReport(baseUrl, KEYS.verifier, truceId);
      expect(await publishDailyReport(baseUrl, KEYS.verifier, truceId)).toEqual(first);

      const report = (await http().get(`/reports/${first.reportId}`)).body;
      expect(report).toMatchObject({
        truceId,
        title: DAILY_REPORT.title,
        tz: 'Asia/Baku',
        period: { from: '2020-10-09T20:00:00.000Z', to: '2020-10-10T20:00:00.000Z' },
      });
      expect([...report.incidents].sort()).toEqual([...incidentIds].sort());
      // Both accusations, however the truce's effective instant is read (post-truce, or straddling it).
      expect(report.figures.summary.counts.breaches + report.figures.summary.counts.ambiguous).toBe(2);
      expect(report.figures.timeseries.map((b: any) => b.start)).toEqual(['2020-10-09T20:00:00.000Z']);
      const reports = (await http().get(`/truces/${truceId}/reports`)).body.items;
      expect(reports.map((r: any) => r.reportId)).toEqual([first.reportId]);
      const md = (await http().get(`/reports/${first.reportId}.md`)).text;
      expect(md).toContain('2020-10-10 00:00 (UTC+04:00) to 2020-10-11 00:00 (UTC+04:00), Asia/Baku');
    });
  });
});
