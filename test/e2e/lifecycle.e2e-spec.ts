/**
 * The lifecycle of a truce and the later findings on an incident, through the HTTP API
 * (API.md): effective-time revisions, suspension and resumption, purpose milestones,
 * attributions, casualty revisions and retractions — each write's effect on
 * GET /truces/{id}?at=… and GET /incidents/{id}, and each refusal (401/403/400/404/422), which
 * must write nothing.
 *
 * Reference case: the humanitarian truce of 10 October 2020 in Nagorno-Karabakh (AP via
 * NewsClick, 10 Oct 2020), in force "at noon (0800 GMT)"; TASS
 * gave "12:00 Moscow time" (09:00 UTC), hence the revision. The suspensions, milestones,
 * attributions, casualty revisions and retractions are scenario steps, NOT in the source.
 *
 * The database is shared with the other e2e files: every assertion is about this file's own
 * truces, incidents and streams. Every test starts from a truce of its own: the history it needs
 * is replayed by a "given" helper of its describe, so the tests hold in any order, alone or not.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AP_NEWSCLICK, aBreachBody, aCollapseBody, aTruceBody } from '../support/builders';
import * as shared from '../support/expectations';
import { expectFieldError, expectProblem, Res } from '../support/expectations';
import { bearer, createTestApp, KEYS, TestApp } from '../support/test-app';

type Json = Record<string, unknown>;

const UNKNOWN_UUID = '5e0c2a7b-9d41-4f3e-8a6b-1c2d3e4f5a6b';
const TASS = { name: 'TASS, 10 Oct 2020', url: 'https://tass.com/' };
const ZERO = { civilian: 0, military: 0, unknown: 0 };
const NO_CASUALTIES = { killed: ZERO, injured: ZERO };

// ---- request bodies (scenario defaults; a test spells out only what it is about) ----

const anEffectiveTimeBody = (overrides: Json = {}): Json => ({
  effectiveAt: '2020-10-10T09:00:00Z',
  effectiveAtSource: { text: '12:00 Moscow time', timezone: 'Europe/Moscow' },
  reason: 'TASS gives 12:00 Moscow time (09:00 UTC), not local noon',
  sources: [TASS],
  ...overrides,
});
const aSuspendBody = (overrides: Json = {}): Json => ({ by: 'Russia', reason: 'Talks broke off (scenario)', sources: [AP_NEWSCLICK], ...overrides });
const aResumeBody = (overrides: Json = {}): Json => ({ by: 'Russia', reason: 'Talks resumed (scenario)', ...overrides });
const aMilestoneBody = (overrides: Json = {}): Json => ({
  kind: 'prisoner_exchange',
  state: 'scheduled',
  facilitator: 'ICRC',
  ...overrides,
});
const anAttributionBody = (overrides: Json = {}): Json => ({ attributedTo: 'AZE', by: 'Scenario monitor', note: 'Crater analysis (scenario)', ...overrides });
const aCasualtyRevisionBody = (overrides: Json = {}): Json => ({
  casualties: { killed: { civilian: 2 }, injured: { civilian: { best: 3, low: 2, high: 5 } } },
  sources: [AP_NEWSCLICK],
  ...overrides,
});
const aRetractionBody = (overrides: Json = {}): Json => ({ reason: 'The location was misidentified (scenario)', ...overrides });

const ms = (iso: string) => Date.parse(iso);

describe('Truce lifecycle and incident findings (e2e)', () => {
  let t: TestApp;
  /** The position of the current test's last write: the next must come after it, and reads wait for it. */
  let lastPosition = 0;
  const http = () => request(t.http());

  beforeEach(() => {
    lastPosition = 0;
  });

  /** Moves the server clock on, so that every write gets its own, later, record time. */
  const tick = () => t.clock.advance(60_000);

  /** A write answered 201 with position, streamVersion (and `alsoKeys`) and ETag: "<streamVersion>". */
  function expectWritten(res: Res, streamVersion?: number, alsoKeys: string[] = []): { position: number; streamVersion: number } {
    const written = shared.expectWritten(res, { streamVersion, keys: alsoKeys, after: lastPosition });
    lastPosition = written.position;
    return res.body;
  }

  const streamEvents = (streamId: string) => shared.streamEvents(t, streamId);

  /** Runs `refuse` and checks that it wrote nothing (to the given streams, or under its requests' correlation ids). */
  const expectNothingWritten = (streamIds: string[], refuse: () => Promise<void>) => shared.expectNothingWritten(t, streamIds, refuse);

  async function status(truceId: string, query: Record<string, string | number> = {}): Promise<any> {
    const res = await http()
      .get(`/truces/${truceId}`)
      .query({ minPosition: lastPosition, ...query });
    expect(res.status).toBe(200);
    return res.body;
  }

  async function incident(incidentId: string): Promise<any> {
    const res = await http().get(`/incidents/${incidentId}`).query({ minPosition: lastPosition });
    expect(res.status).toBe(200);
    return res.body;
  }

  const tallyOf = (summary: any, partyId: string) => summary.tally.find((p: any) => p.id === partyId);

  async function newTruce(label: string, overrides: Json = {}): Promise<string> {
    tick();
    const res = await http()
      .post('/truces')
      .set(bearer('admin'))
      .send(aTruceBody({ name: `Lifecycle e2e: ${label} ${randomUUID()}`, ...overrides }));
    expectWritten(res, 1, ['truceId']);
    return res.body.truceId;
  }

  async function newIncident(truceId: string, overrides: Json = {}): Promise<string> {
    tick();
    const res = await http().post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(aBreachBody(overrides));
    expectWritten(res, 1, ['incidentId', 'classification']);
    return res.body.incidentId;
  }

  beforeAll(async () => {
    t = await createTestApp({ now: '2020-10-10T07:00:00Z' });
  });

  afterAll(async () => {
    await t?.app.close();
  });

  // ---------------------------------------------------------------------------------------
  describe('POST /truces/{id}/suspend and /resume (admin)', () => {
    /** Suspending and resuming `truceId` (or another truce named by `id`). */
    const lifecycleOf = (truceId: string) => ({
      stream: () => `truce-${truceId}`,
      suspend: (body: Json, role: 'admin' | 'verifier' | 'reporter' = 'admin', id = truceId) =>
        http().post(`/truces/${id}/suspend`).set(bearer(role)).send(body),
      resume: (body: Json, role: 'admin' | 'verifier' | 'reporter' = 'admin', id = truceId) => http().post(`/truces/${id}/resume`).set(bearer(role)).send(body),
    });

    /** Given a new truce, suspended from 10:00Z and resumed from 11:00Z on 10 October (stream version 3). */
    async function suspendedAndResumed(): Promise<string> {
      t.clock.set('2020-10-10T07:00:00.000Z');
      const truceId = await newTruce('suspend/resume');
      const { suspend, resume } = lifecycleOf(truceId);
      tick();
      expectWritten(await suspend(aSuspendBody({ at: '2020-10-10T10:00:00Z' })), 2);
      tick();
      expectWritten(await resume(aResumeBody({ at: '2020-10-10T11:00:00+00:00' })), 3);
      return truceId;
    }

    /** …and suspended again, without `at`, from 06:00Z to 18:00Z on 12 October (stream version 5). */
    async function suspendedAndResumedTwice(): Promise<string> {
      const truceId = await suspendedAndResumed();
      const { suspend, resume } = lifecycleOf(truceId);
      t.clock.set('2020-10-12T06:00:00.000Z');
      expectWritten(await suspend(aSuspendBody()), 4);
      t.clock.set('2020-10-12T18:00:00.000Z');
      expectWritten(await resume(aResumeBody()), 5);
      return truceId;
    }

    it('suspends from 10:00Z and resumes from 11:00Z: suspended exactly in [10:00, 11:00)', async () => {
      const truceId = await suspendedAndResumed();

      expect((await status(truceId, { at: '2020-10-10T09:59:59.999Z' })).status).toBe('holding');
      expect((await status(truceId, { at: '2020-10-10T10:00:00Z' })).status).toBe('suspended');
      expect((await status(truceId, { at: '2020-10-10T10:30:00Z' })).status).toBe('suspended');
      expect((await status(truceId, { at: '2020-10-10T10:59:59.999Z' })).status).toBe('suspended');
      expect((await status(truceId, { at: '2020-10-10T11:00:00Z' })).status).toBe('holding');
      // The lifecycle comes before "pending": a truce is not suspended before it was ever suspended.
      expect((await status(truceId, { at: '2020-10-10T07:59:00Z' })).status).toBe('pending');

      const summary = await status(truceId);
      expect(summary.suspensions).toEqual([
        expect.objectContaining({ type: 'suspended', at: '2020-10-10T10:00:00.000Z', by: 'Russia', reason: 'Talks broke off (scenario)' }),
        expect.objectContaining({ type: 'resumed', at: '2020-10-10T11:00:00.000Z', by: 'Russia', reason: 'Talks resumed (scenario)' }),
      ]);
    });

    it('writes TruceSuspended / TruceResumed with the key’s name as actor and the sources given', async () => {
      const { stream } = lifecycleOf(await suspendedAndResumed());
      const events = await streamEvents(stream());
      expect(events.map((e) => e.type)).toEqual(['TruceAgreed', 'TruceSuspended', 'TruceResumed']);
      expect(events[1].data).toEqual({ by: 'Russia', reason: 'Talks broke off (scenario)', at: '2020-10-10T10:00:00.000Z', sources: [AP_NEWSCLICK] });
      expect(events[2].data).toEqual({ by: 'Russia', reason: 'Talks resumed (scenario)', at: '2020-10-10T11:00:00.000Z', sources: [] });
      expect(events.slice(1).map((e) => e.metadata.actor)).toEqual(['ada-admin', 'ada-admin']);
    });

    it('without `at`, takes effect when recorded (the server clock)', async () => {
      const truceId = await suspendedAndResumed();
      const { stream, suspend, resume } = lifecycleOf(truceId);
      t.clock.set('2020-10-12T06:00:00.000Z');
      expectWritten(await suspend(aSuspendBody()), 4);
      const suspendedAt = t.clock.now().toISOString();
      expect((await status(truceId)).status).toBe('suspended');
      expect((await status(truceId, { at: '2020-10-12T05:59:59.999Z' })).status).toBe('holding');

      t.clock.set('2020-10-12T18:00:00.000Z');
      expectWritten(await resume(aResumeBody()), 5);
      const resumedAt = t.clock.now().toISOString();
      expect((await status(truceId)).status).toBe('holding');
      expect((await status(truceId, { at: '2020-10-12T17:59:59.999Z' })).status).toBe('suspended');

      // Stored without an instant, so the effective instant is exactly the recorded-at.
      const events = await streamEvents(stream());
      expect(events.slice(3).map((e) => [e.type, e.data.at, e.recordedAt])).toEqual([
        ['TruceSuspended', null, suspendedAt],
        ['TruceResumed', null, resumedAt],
      ]);
      expect((await status(truceId)).suspensions.slice(2).map((m: any) => m.at)).toEqual([suspendedAt, resumedAt]);
    });

    it('back-fills an earlier suspension while a later one is open (valid time, not record order)', async () => {
      const truceId = await suspendedAndResumed();
      const { suspend, resume } = lifecycleOf(truceId);
      tick();
      expectWritten(await suspend(aSuspendBody({ at: '2020-10-10T20:00:00Z' })), 4);
      tick();
      expectWritten(await suspend(aSuspendBody({ at: '2020-10-10T08:10:00Z' })), 5);
      tick();
      expectWritten(await resume(aResumeBody({ at: '2020-10-10T08:20:00Z' })), 6);

      expect((await status(truceId, { at: '2020-10-10T08:15:00Z' })).status).toBe('suspended');
      expect((await status(truceId, { at: '2020-10-10T08:30:00Z' })).status).toBe('holding');
      expect((await status(truceId, { at: '2020-10-10T21:00:00Z' })).status).toBe('suspended');
    });

    it('refuses to resume a truce that is not suspended (422 TRUCE.NOT_SUSPENDED)', async () => {
      const { stream, resume } = lifecycleOf(await suspendedAndResumed());
      await expectNothingWritten([stream()], async () => {
        expectProblem(await resume(aResumeBody({ at: '2020-10-13T00:00:00Z' })), 422, 'TRUCE.NOT_SUSPENDED');
      });
    });

    it('refuses to suspend a suspended truce (422 TRUCE.ALREADY_SUSPENDED), and a resumption where it is not suspended or at its start (422)', async () => {
      const { stream, suspend, resume } = lifecycleOf(await suspendedAndResumedTwice());
      tick();
      expectWritten(await suspend(aSuspendBody({ at: '2020-10-13T00:00:00Z' })), 6);
      await expectNothingWritten([stream()], async () => {
        expectProblem(await suspend(aSuspendBody({ at: '2020-10-14T00:00:00Z' })), 422, 'TRUCE.ALREADY_SUSPENDED');
        // Judged in valid time: just before the 13 October suspension, the truce was not suspended.
        expectProblem(await resume(aResumeBody({ at: '2020-10-12T23:59:59Z' })), 422, 'TRUCE.NOT_SUSPENDED');
        expectProblem(await resume(aResumeBody({ at: '2020-10-13T00:00:00Z' })), 422, 'TRUCE.RESUMED_BEFORE_SUSPENDED');
      });
      tick();
      expectWritten(await resume(aResumeBody({ at: '2020-10-13T06:00:00Z' })), 7);
    });

    it('401 without a valid key, 403 for a reporter or a verifier', async () => {
      const truceId = await newTruce('suspend/resume, keys and roles');
      const { stream, suspend, resume } = lifecycleOf(truceId);
      await expectNothingWritten([stream()], async () => {
        expectProblem(await http().post(`/truces/${truceId}/suspend`).send(aSuspendBody()), 401);
        expectProblem(await http().post(`/truces/${truceId}/resume`).set({ Authorization: 'Bearer not-a-key' }).send(aResumeBody()), 401);
        expectProblem(await suspend(aSuspendBody(), 'reporter'), 403);
        expectProblem(await suspend(aSuspendBody(), 'verifier'), 403);
        expectProblem(await resume(aResumeBody(), 'verifier'), 403);
      });
    });

    it('400 for bad input, naming the field', async () => {
      const { stream, suspend, resume } = lifecycleOf(await newTruce('suspend/resume, bad input'));
      await expectNothingWritten([stream()], async () => {
        expectFieldError(await suspend({ reason: 'no one' }), 'by');
        expectFieldError(await suspend(aSuspendBody({ reason: '' })), 'reason');
        expectFieldError(await suspend(aSuspendBody({ at: '2020-10-20T10:00:00' })), 'at');
        expectFieldError(await suspend(aSuspendBody({ at: '2020-02-31T10:00:00Z' })), 'at');
        expectFieldError(await suspend(aSuspendBody({ sources: [{ url: 'https://tass.com/' }] })), 'sources.0.name');
        expectFieldError(await suspend(aSuspendBody({ until: '2020-10-21T00:00:00Z' })), 'until');
        expectFieldError(await resume({ by: 'Russia' }), 'reason');
        expectFieldError(await resume(aResumeBody({ by: 42 })), 'by');
      });
    });

    it('404 for an unknown truce, valid UUID or not', async () => {
      const { suspend, resume } = lifecycleOf(UNKNOWN_UUID);
      await expectNothingWritten([`truce-${UNKNOWN_UUID}`], async () => {
        expectProblem(await suspend(aSuspendBody(), 'admin', UNKNOWN_UUID), 404);
        expectProblem(await resume(aResumeBody(), 'admin', UNKNOWN_UUID), 404);
        expectProblem(await suspend(aSuspendBody(), 'admin', 'not-a-uuid'), 404);
      });
    });

    it('409 for a stale If-Match', async () => {
      const truceId = await newTruce('suspend/resume, stale If-Match');
      const { stream } = lifecycleOf(truceId);
      await expectNothingWritten([stream()], async () => {
        const res = await http().post(`/truces/${truceId}/suspend`).set(bearer('admin')).set('If-Match', '"3"').send(aSuspendBody());
        expectProblem(res, 409);
      });
    });

    it('accepts both on a collapsed truce (corrections are always possible), whether or not it is suspended', async () => {
      const open = await newTruce('suspend/resume, collapsed');
      const suspended = await newTruce('suspend/resume, collapsed while suspended');
      const { suspend, resume } = lifecycleOf(open);
      tick();
      expectWritten(await suspend(aSuspendBody({ at: '2020-10-10T10:00:00Z' }), 'admin', suspended), 2);
      for (const id of [open, suspended]) {
        tick();
        expectWritten(
          await http()
            .post(`/truces/${id}/collapse`)
            .set(bearer('admin'))
            .send(aCollapseBody({ at: '2020-10-11T00:00:00Z' })),
        );
      }
      tick();
      expectWritten(await suspend(aSuspendBody({ at: '2020-10-10T12:00:00Z' }), 'admin', open), 3);
      tick();
      expectWritten(await resume(aResumeBody({ at: '2020-10-10T12:00:00Z' }), 'admin', suspended), 4);
      expect((await status(open, { at: '2020-10-10T12:00:00Z' })).status).toBe('suspended');
      expect((await status(suspended, { at: '2020-10-10T11:00:00Z' })).status).toBe('suspended');
      expect((await status(suspended, { at: '2020-10-10T12:00:00Z' })).status).toBe('holding');
      expect((await status(suspended, { at: '2020-10-11T00:00:00Z' })).status).toBe('collapsed');
    });

    it('accepts both on an ended truce, with any `at`', async () => {
      const ended = await newTruce('suspend/resume, ended');
      const { suspend, resume } = lifecycleOf(ended);
      tick();
      expectWritten(await http().post(`/truces/${ended}/end`).set(bearer('admin')).send({ reason: 'expired', at: '2020-10-11T00:00:00Z' }), 2);
      tick();
      expectWritten(await suspend(aSuspendBody({ at: '2020-10-10T12:00:00Z' }), 'admin', ended), 3);
      tick();
      expectWritten(await resume(aResumeBody({ at: '2020-10-12T12:00:00Z' }), 'admin', ended), 4);
      expect((await status(ended, { at: '2020-10-10T13:00:00Z' })).status).toBe('suspended');
      expect((await status(ended, { at: '2020-10-12T13:00:00Z' })).status).toBe('ended');
    });
  });

  // ---------------------------------------------------------------------------------------
  describe('corrections after a collapse or end, and POST /truces/{id}/reopen (admin)', () => {
    const post = (truceId: string, action: string, body: Json, role: 'admin' | 'verifier' | 'reporter' = 'admin') =>
      http().post(`/truces/${truceId}/${action}`).set(bearer(role)).send(body);
    const aReopenBody = (overrides: Json = {}): Json => ({ reason: 'The collapse was recorded in error (scenario)', sources: [TASS], ...overrides });

    /** Given a new truce collapsed from 11 October 00:00Z (stream version 2). */
    async function collapsed(): Promise<string> {
      t.clock.set('2020-10-10T07:00:00.000Z');
      const truceId = await newTruce('corrections');
      tick();
      expectWritten(await post(truceId, 'collapse', aCollapseBody({ at: '2020-10-11T00:00:00Z' })), 2);
      return truceId;
    }

    it('a later collapse corrects the first: the latest recorded counts, whatever its instant', async () => {
      const truceId = await collapsed();
      tick();
      expectWritten(await post(truceId, 'collapse', aCollapseBody({ at: '2020-10-10T20:00:00Z', reason: 'It collapsed that evening (scenario)' })), 3);

      expect((await status(truceId, { at: '2020-10-10T21:00:00Z' })).status).toBe('collapsed');
      const summary = await status(truceId);
      expect(summary.collapsed).toEqual(expect.objectContaining({ at: '2020-10-10T20:00:00.000Z', reason: 'It collapsed that evening (scenario)' }));
    });

    it('reopens: 201 with position and streamVersion; the collapse no longer counts, but did as the record stood before', async () => {
      const truceId = await collapsed();
      tick();
      const collapsedAsOf = t.clock.now().toISOString();
      tick();
      const written = expectWritten(await post(truceId, 'reopen', aReopenBody()), 2 + 1);

      const events = await streamEvents(`truce-${truceId}`);
      expect(events[2]).toMatchObject({ type: 'TruceReopened', data: { reason: 'The collapse was recorded in error (scenario)', sources: [TASS] } });
      expect(events[2].position).toBe(written.position);
      const summary = await status(truceId, { at: '2020-10-12T00:00:00Z' });
      expect(summary.status).not.toBe('collapsed');
      expect(summary.collapsed).toBeNull();
      expect((await status(truceId, { at: '2020-10-12T00:00:00Z', asOf: collapsedAsOf })).status).toBe('collapsed');
    });

    it('withdraws an end too; a collapse recorded after the reopening counts again', async () => {
      const truceId = await collapsed();
      tick();
      expectWritten(await post(truceId, 'end', { reason: 'expired', at: '2020-10-12T00:00:00Z' }), 3);
      tick();
      expectWritten(await post(truceId, 'reopen', aReopenBody({ sources: undefined })), 4);
      expect((await status(truceId, { at: '2020-10-13T00:00:00Z' })).status).not.toMatch(/collapsed|ended/);
      tick();
      expectWritten(await post(truceId, 'collapse', aCollapseBody({ at: '2020-10-14T00:00:00Z' })), 5);
      expect((await status(truceId, { at: '2020-10-14T00:00:00Z' })).status).toBe('collapsed');
    });

    it('422 TRUCE.NOTHING_TO_REOPEN when no collapse or end counts (never recorded, or already withdrawn); nothing written', async () => {
      const open = await newTruce('reopen, open');
      const reopened = await collapsed();
      tick();
      expectWritten(await post(reopened, 'reopen', aReopenBody()), 3);
      await expectNothingWritten([`truce-${open}`, `truce-${reopened}`], async () => {
        expectProblem(await post(open, 'reopen', aReopenBody()), 422, 'TRUCE.NOTHING_TO_REOPEN');
        expectProblem(await post(reopened, 'reopen', aReopenBody()), 422, 'TRUCE.NOTHING_TO_REOPEN');
      });
    });

    it('401 without a key, 403 for a verifier, 400 without a reason or with unknown fields, 404 for an unknown truce', async () => {
      const truceId = await collapsed();
      await expectNothingWritten([`truce-${truceId}`], async () => {
        expectProblem(await http().post(`/truces/${truceId}/reopen`).send(aReopenBody()), 401);
        expectProblem(await post(truceId, 'reopen', aReopenBody(), 'verifier'), 403);
        expectFieldError(await post(truceId, 'reopen', { sources: [TASS] }), 'reason');
        expectFieldError(await post(truceId, 'reopen', aReopenBody({ withdrawn: 'all' })), 'withdrawn');
        expectProblem(await post(UNKNOWN_UUID, 'reopen', aReopenBody()), 404);
      });
    });

    it('classifies against the end: after_end and ambiguous apart from the breaches, in the summary, the incident and the list filter', async () => {
      const truceId = await collapsed(); // X = 11 October 00:00Z
      const during = await newIncident(truceId, { occurredAt: { from: '2020-10-10T10:00:00Z', precision: 'minute' } });
      const after = await newIncident(truceId, { occurredAt: { from: '2020-10-11T02:00:00Z', precision: 'hour' } });
      const straddling = await newIncident(truceId, { occurredAt: { from: '2020-10-10T23:00:00Z', to: '2020-10-11T01:00:00Z', precision: 'hour' } });
      tick();
      expectWritten(
        await http()
          .post(`/incidents/${during}/verifications`)
          .set(bearer('verifier'))
          .send({ status: 'confirmed', by: 'Scenario monitor', method: 'site_visit' }),
        2,
      );

      const summary = await status(truceId, { at: '2020-10-12T00:00:00Z' });
      expect(summary.status).toBe('collapsed');
      expect(summary.end).toEqual({ kind: 'collapsed', at: '2020-10-11T00:00:00.000Z', reason: 'Fighting resumed along the line of contact.' });
      expect(summary.endsAt).toBeNull();
      expect(summary.counts).toMatchObject({ breaches: 1, afterEnd: 1, ambiguous: 1, preTruce: 0 });
      // Disjoint sums: the confirmed breach is in casualtiesConfirmed only.
      expect(summary.totals.casualtiesConfirmed.killed.civilian).toBe(1);
      expect(summary.totals.casualtiesAlleged.killed.civilian).toBe(0);
      expect(tallyOf(summary, 'AZE').casualtiesConfirmed.killed.civilian).toBe(1);
      expect((await incident(after)).classification).toBe('after_end');

      const listed = async (classification: string) => {
        const res = await http().get(`/truces/${truceId}/incidents`).query({ classification, minPosition: lastPosition });
        expect(res.status).toBe(200);
        return res.body.items.map((i: any) => [i.incidentId, i.classification]);
      };
      expect(await listed('after_end')).toEqual([[after, 'after_end']]);
      expect(await listed('ambiguous')).toEqual([[straddling, 'ambiguous']]);
      expect(await listed('post_truce')).toEqual([[during, 'post_truce']]);

      // Reopened: no end any more, so the later report is a breach like the first.
      tick();
      expectWritten(await post(truceId, 'reopen', aReopenBody()), 3);
      const reopened = await status(truceId, { at: '2020-10-12T00:00:00Z' });
      expect(reopened.status).toBe('violated');
      expect(reopened.end).toBeNull();
      expect(reopened.counts).toMatchObject({ breaches: 3, afterEnd: 0, ambiguous: 0 });
      expect(await listed('after_end')).toEqual([]);
      expect((await incident(after)).classification).toBe('post_truce');
    });

    it('successorTruceId must name a recorded truce (422 TRUCE.UNKNOWN_SUCCESSOR); a recorded one is accepted', async () => {
      const truceId = await newTruce('superseded');
      const successor = await newTruce('the successor');
      await expectNothingWritten([`truce-${truceId}`], async () => {
        const res = await post(truceId, 'end', { reason: 'superseded', successorTruceId: UNKNOWN_UUID });
        expectProblem(res, 422, 'TRUCE.UNKNOWN_SUCCESSOR');
        expect(res.body.detail).toContain(UNKNOWN_UUID);
      });
      tick();
      expectWritten(await post(truceId, 'end', { reason: 'superseded', successorTruceId: successor, at: '2020-10-18T00:00:00Z' }), 2);
      expect((await status(truceId)).ended).toEqual(expect.objectContaining({ reason: 'superseded', successorTruceId: successor }));
    });
  });

  describe('POST /truces/{id}/effective-time (admin)', () => {
    const revising =
      (truceId: string) =>
      (body: Json, role: 'admin' | 'verifier' | 'reporter' = 'admin', id = truceId) =>
        http().post(`/truces/${id}/effective-time`).set(bearer(role)).send(body);

    interface ThreeIncidents {
      truceId: string;
      /** 08:30Z: post-truce at 08:00Z, pre-truce at 09:00Z. */
      early: string;
      /** [08:50Z, 09:10Z): post-truce at 08:00Z, ambiguous at 09:00Z. */
      straddling: string;
      /** 09:30Z: post-truce either way. */
      late: string;
      agreedRecordedAt: string;
      revise: ReturnType<typeof revising>;
    }

    /** Given a truce agreed for 08:00Z and three incidents around 09:00Z, recorded from 10:01Z. */
    async function threeIncidents(): Promise<ThreeIncidents> {
      t.clock.set('2020-10-10T07:00:00.000Z');
      const truceId = await newTruce('effective time');
      const agreedRecordedAt = t.clock.now().toISOString();
      t.clock.set('2020-10-10T10:00:00.000Z');
      const early = await newIncident(truceId, { occurredAt: { from: '2020-10-10T08:30:00Z', precision: 'minute' } });
      const straddling = await newIncident(truceId, {
        reportedBy: 'AZE',
        accusedParty: 'ARM',
        occurredAt: { from: '2020-10-10T08:50:00Z', to: '2020-10-10T09:10:00Z', precision: 'minute' },
        location: { name: 'Terter', countryIso3: 'AZE', precision: 'region' },
        casualties: {},
      });
      const late = await newIncident(truceId, { occurredAt: { from: '2020-10-10T09:30:00Z', precision: 'minute' } });
      return { truceId, early, straddling, late, agreedRecordedAt, revise: revising(truceId) };
    }

    /** …with effectiveAt revised to 09:00Z in TASS's words, recorded at 10:04Z (stream version 2). */
    async function revisedToTass(): Promise<ThreeIncidents> {
      const given = await threeIncidents();
      tick();
      expectWritten(await given.revise(anEffectiveTimeBody()), 2);
      return given;
    }

    it('before the revision: every incident is post_truce and the truce is contested at 08:40Z', async () => {
      const { truceId, early, straddling, late } = await threeIncidents();
      for (const id of [early, straddling, late]) expect((await incident(id)).classification).toBe('post_truce');
      const at0840 = await status(truceId, { at: '2020-10-10T08:40:00Z' });
      expect(at0840.status).toBe('contested');
      expect(at0840.counts).toEqual(expect.objectContaining({ breaches: 1, ambiguous: 0, preTruce: 0 }));
    });

    it('revises effectiveAt to 09:00Z with TASS’s words: 201, and the summary shows the new instant', async () => {
      const { truceId, revise } = await threeIncidents();
      tick();
      expectWritten(await revise(anEffectiveTimeBody()), 2);
      const summary = await status(truceId);
      expect(summary.effectiveAt).toBe('2020-10-10T09:00:00.000Z');
      expect(summary.effectiveAtSource).toEqual({ text: '12:00 Moscow time', timezone: 'Europe/Moscow' });
      const events = await streamEvents(`truce-${truceId}`);
      expect(events[1]).toEqual(
        expect.objectContaining({
          type: 'TruceEffectiveTimeRevised',
          data: {
            effectiveAt: '2020-10-10T09:00:00.000Z',
            effectiveAtSource: { text: '12:00 Moscow time', timezone: 'Europe/Moscow' },
            reason: 'TASS gives 12:00 Moscow time (09:00 UTC), not local noon',
            sources: [TASS],
          },
        }),
      );
      expect(events[1].metadata.actor).toBe('ada-admin');
    });

    it('moves "pending" to the new instant', async () => {
      const { truceId } = await revisedToTass();
      expect((await status(truceId, { at: '2020-10-10T08:40:00Z' })).status).toBe('pending');
      expect((await status(truceId, { at: '2020-10-10T08:59:59.999Z' })).status).toBe('pending');
      const at0920 = await status(truceId, { at: '2020-10-10T09:20:00Z' });
      // 08:30 is now before the truce and 08:50–09:10 straddles it: neither is a breach.
      expect(at0920.status).toBe('holding');
      expect(at0920.counts).toEqual(expect.objectContaining({ breaches: 0, ambiguous: 1, preTruce: 1 }));
      expect(at0920.lastBreachAt).toBeNull();
      const at0940 = await status(truceId, { at: '2020-10-10T09:40:00Z' });
      expect(at0940.status).toBe('contested');
      expect(at0940.counts).toEqual(expect.objectContaining({ breaches: 1, ambiguous: 1, preTruce: 1 }));
      expect(tallyOf(at0940, 'AZE').accusedIn).toBe(1);
      expect(tallyOf(at0940, 'ARM').accusedIn).toBe(0);
    });

    it('reclassifies the incidents (GET /incidents/{id} and the incident list)', async () => {
      const { truceId, early, straddling, late } = await revisedToTass();
      expect((await incident(early)).classification).toBe('pre_truce');
      expect((await incident(straddling)).classification).toBe('ambiguous');
      expect((await incident(late)).classification).toBe('post_truce');
      const list = await http().get(`/truces/${truceId}/incidents`).query({ classification: 'pre_truce', minPosition: lastPosition });
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: any) => i.incidentId)).toEqual([early]);
    });

    it('still answers with the agreed instant as the record stood before the revision (asOf)', async () => {
      const { truceId, agreedRecordedAt } = await revisedToTass();
      const before = await status(truceId, { at: '2020-10-10T08:40:00Z', asOf: '2020-10-10T10:03:30Z' });
      expect(before.effectiveAt).toBe('2020-10-10T08:00:00.000Z');
      expect(before.status).toBe('contested');
      expect(ms(before.asOf)).toBe(ms('2020-10-10T10:03:30Z'));
      expect((await status(truceId, { asOf: agreedRecordedAt })).effectiveAt).toBe('2020-10-10T08:00:00.000Z');
    });

    it('a revision without the source’s words clears the earlier words', async () => {
      const { truceId, early, revise } = await revisedToTass();
      tick();
      const { effectiveAtSource: _omit, ...withoutWords } = anEffectiveTimeBody({ effectiveAt: '2020-10-10T08:00:00Z', reason: 'AP after all (scenario)' });
      expectWritten(await revise(withoutWords), 3);
      const summary = await status(truceId);
      expect(summary.effectiveAt).toBe('2020-10-10T08:00:00.000Z');
      expect(summary.effectiveAtSource).toBeNull();
      expect((await incident(early)).classification).toBe('post_truce');
      expect((await status(truceId, { at: '2020-10-10T08:40:00Z' })).status).toBe('contested');
    });

    it('refuses a revision to the current instant (422 TRUCE.EFFECTIVE_TIME_UNCHANGED), however it is spelt', async () => {
      const truceId = await newTruce('effective time, unchanged');
      const revise = revising(truceId);
      await expectNothingWritten([`truce-${truceId}`], async () => {
        expectProblem(await revise(anEffectiveTimeBody({ effectiveAt: '2020-10-10T08:00:00Z' })), 422, 'TRUCE.EFFECTIVE_TIME_UNCHANGED');
        expectProblem(await revise(anEffectiveTimeBody({ effectiveAt: '2020-10-10T12:00:00+04:00' })), 422, 'TRUCE.EFFECTIVE_TIME_UNCHANGED');
      });
    });

    it('with endsAt set, the new effectiveAt must be before it (422 TRUCE.ENDS_BEFORE_EFFECTIVE)', async () => {
      const bounded = await newTruce('effective time, with endsAt', { endsAt: '2020-10-17T08:00:00Z' });
      const revise = revising(bounded);
      await expectNothingWritten([`truce-${bounded}`], async () => {
        expectProblem(await revise(anEffectiveTimeBody({ effectiveAt: '2020-10-17T08:00:00Z' }), 'admin', bounded), 422, 'TRUCE.ENDS_BEFORE_EFFECTIVE');
        expectProblem(await revise(anEffectiveTimeBody({ effectiveAt: '2020-10-18T00:00:00Z' }), 'admin', bounded), 422, 'TRUCE.ENDS_BEFORE_EFFECTIVE');
      });
      tick();
      expectWritten(await revise(anEffectiveTimeBody({ effectiveAt: '2020-10-17T07:59:59Z' }), 'admin', bounded), 2);
    });

    it('accepts a revision on a collapsed or ended truce (corrections are always possible)', async () => {
      const collapsed = await newTruce('effective time, collapsed');
      const ended = await newTruce('effective time, ended');
      const revise = revising(collapsed);
      tick();
      expectWritten(
        await http()
          .post(`/truces/${collapsed}/collapse`)
          .set(bearer('admin'))
          .send(aCollapseBody({ at: '2020-10-11T00:00:00Z' })),
        2,
      );
      tick();
      expectWritten(await http().post(`/truces/${ended}/end`).set(bearer('admin')).send({ reason: 'purpose_fulfilled' }), 2);
      tick();
      expectWritten(await revise(anEffectiveTimeBody(), 'admin', collapsed), 3);
      tick();
      expectWritten(await revise(anEffectiveTimeBody(), 'admin', ended), 3);
      for (const id of [collapsed, ended]) expect((await status(id)).effectiveAt).toBe('2020-10-10T09:00:00.000Z');
    });

    it('401 without a key, 403 for a verifier or a reporter', async () => {
      const truceId = await newTruce('effective time, keys and roles');
      const revise = revising(truceId);
      await expectNothingWritten([`truce-${truceId}`], async () => {
        expectProblem(await http().post(`/truces/${truceId}/effective-time`).send(anEffectiveTimeBody()), 401);
        expectProblem(await revise(anEffectiveTimeBody(), 'verifier'), 403);
        expectProblem(await revise(anEffectiveTimeBody(), 'reporter'), 403);
      });
    });

    it('400 for bad input, naming the field', async () => {
      const truceId = await newTruce('effective time, bad input');
      const revise = revising(truceId);
      await expectNothingWritten([`truce-${truceId}`], async () => {
        expectFieldError(await revise({ reason: 'no instant' }), 'effectiveAt');
        expectFieldError(await revise(anEffectiveTimeBody({ effectiveAt: '10 October, noon' })), 'effectiveAt');
        expectFieldError(await revise(anEffectiveTimeBody({ effectiveAt: '2020-10-10T09:00:00' })), 'effectiveAt');
        const { reason: _r, ...noReason } = anEffectiveTimeBody();
        expectFieldError(await revise(noReason), 'reason');
        expectFieldError(await revise(anEffectiveTimeBody({ effectiveAtSource: { text: 'noon', timezone: 'Mars/Olympus' } })), 'effectiveAtSource.timezone');
        expectFieldError(
          await revise(anEffectiveTimeBody({ effectiveAtSource: { text: 'noon', timezone: 'Asia/Baku', offset: 4 } })),
          'effectiveAtSource.offset',
        );
        expectFieldError(await revise(anEffectiveTimeBody({ at: '2020-10-10T09:00:00Z' })), 'at');
      });
    });

    it('404 for an unknown truce', async () => {
      const revise = revising(UNKNOWN_UUID);
      await expectNothingWritten([`truce-${UNKNOWN_UUID}`], async () => {
        expectProblem(await revise(anEffectiveTimeBody(), 'admin', UNKNOWN_UUID), 404);
        expectProblem(await revise(anEffectiveTimeBody(), 'admin', 'not-a-uuid'), 404);
      });
    });
  });

  // ---------------------------------------------------------------------------------------
  describe('POST /truces/{id}/milestones (verifier)', () => {
    const recording =
      (truceId: string) =>
      (body: Json, role: 'admin' | 'verifier' | 'reporter' = 'verifier', id = truceId) =>
        http().post(`/truces/${id}/milestones`).set(bearer(role)).send(body);

    /** Given a new truce. */
    async function aTruce(): Promise<{ truceId: string; record: ReturnType<typeof recording> }> {
      t.clock.set('2020-10-10T07:00:00.000Z');
      const truceId = await newTruce('milestones');
      return { truceId, record: recording(truceId) };
    }

    /** …with an exchange scheduled (11 October) and completed (12 October) (stream version 3). */
    async function exchangeCompleted(): Promise<{ truceId: string; record: ReturnType<typeof recording> }> {
      const given = await aTruce();
      t.clock.set('2020-10-11T06:00:00.000Z');
      expectWritten(await given.record(aMilestoneBody({ at: '2020-10-11T06:00:00Z', counts: { ARM: 0, AZE: 0 } })), 2);
      t.clock.set('2020-10-12T15:00:00.000Z');
      expectWritten(
        await given.record(aMilestoneBody({ state: 'completed', at: '2020-10-12T14:00:00Z', counts: { ARM: 5, AZE: 4 }, sources: [AP_NEWSCLICK] }), 'admin'),
        3,
      );
      return given;
    }

    it('records a scheduled and a completed exchange (scenario figures); the summary lists those effective by `at`', async () => {
      const { truceId } = await exchangeCompleted();

      const later = await status(truceId, { at: '2020-10-13T00:00:00Z' });
      expect(later.milestones).toEqual([
        expect.objectContaining({
          kind: 'prisoner_exchange',
          state: 'scheduled',
          counts: { ARM: 0, AZE: 0 },
          facilitator: 'ICRC',
          at: '2020-10-11T06:00:00.000Z',
        }),
        expect.objectContaining({
          kind: 'prisoner_exchange',
          state: 'completed',
          counts: { ARM: 5, AZE: 4 },
          facilitator: 'ICRC',
          at: '2020-10-12T14:00:00.000Z',
        }),
      ]);
      const between = await status(truceId, { at: '2020-10-12T13:59:59.999Z' });
      expect(between.milestones.map((m: any) => m.state)).toEqual(['scheduled']);
      expect((await status(truceId, { at: '2020-10-10T12:00:00Z' })).milestones).toEqual([]);

      const events = await streamEvents(`truce-${truceId}`);
      expect(events.slice(1).map((e) => [e.type, e.metadata.actor])).toEqual([
        ['PurposeMilestoneRecorded', 'victor-verifier'],
        ['PurposeMilestoneRecorded', 'ada-admin'],
      ]);
      expect(events[2].data).toEqual({
        kind: 'prisoner_exchange',
        state: 'completed',
        counts: { ARM: 5, AZE: 4 },
        facilitator: 'ICRC',
        at: '2020-10-12T14:00:00.000Z',
        sources: [AP_NEWSCLICK],
      });
    });

    it('defaults: no counts, no facilitator, effective when recorded', async () => {
      const { truceId, record } = await exchangeCompleted();
      t.clock.set('2020-10-13T09:00:00.000Z');
      expectWritten(await record({ kind: 'remains_transfer', state: 'postponed' }), 4);
      const summary = await status(truceId);
      expect(summary.milestones[2]).toEqual(
        expect.objectContaining({ kind: 'remains_transfer', state: 'postponed', counts: {}, facilitator: null, at: '2020-10-13T09:00:00.000Z' }),
      );
    });

    it('refuses counts for someone not a party (422 TRUCE.NOT_A_PARTY), e.g. the mediator', async () => {
      const { truceId, record } = await aTruce();
      await expectNothingWritten([`truce-${truceId}`], async () => {
        expectProblem(await record(aMilestoneBody({ counts: { ARM: 1, RUS: 1 } })), 422, 'TRUCE.NOT_A_PARTY');
        expectProblem(await record(aMilestoneBody({ counts: { Russia: 0 } })), 422, 'TRUCE.NOT_A_PARTY');
      });
    });

    it('400 for counts that are not whole numbers ≥ 0, and for other bad input', async () => {
      const { truceId, record } = await aTruce();
      await expectNothingWritten([`truce-${truceId}`], async () => {
        for (const counts of [{ ARM: -1 }, { ARM: 1.5 }, { ARM: '5' }, { ARM: null }, [5, 4], 'ARM:5']) {
          expectFieldError(await record(aMilestoneBody({ counts })), 'counts');
        }
        expectFieldError(await record(aMilestoneBody({ kind: 'ceasefire' })), 'kind');
        expectFieldError(await record(aMilestoneBody({ state: 'done' })), 'state');
        expectFieldError(await record({ kind: 'prisoner_exchange' }), 'state');
        expectFieldError(await record(aMilestoneBody({ at: 'tomorrow' })), 'at');
        expectFieldError(await record(aMilestoneBody({ facilitator: '' })), 'facilitator');
        expectFieldError(await record(aMilestoneBody({ place: 'Goris' })), 'place');
      });
    });

    it('401 without a key, 403 for a reporter', async () => {
      const { truceId, record } = await aTruce();
      await expectNothingWritten([`truce-${truceId}`], async () => {
        expectProblem(await http().post(`/truces/${truceId}/milestones`).send(aMilestoneBody()), 401);
        expectProblem(await record(aMilestoneBody(), 'reporter'), 403);
      });
    });

    it('404 for an unknown truce', async () => {
      const record = recording(UNKNOWN_UUID);
      await expectNothingWritten([`truce-${UNKNOWN_UUID}`], async () => {
        expectProblem(await record(aMilestoneBody(), 'verifier', UNKNOWN_UUID), 404);
        expectProblem(await record(aMilestoneBody(), 'verifier', '12345'), 404);
      });
    });
  });

  // ---------------------------------------------------------------------------------------
  describe('attributions, casualty revisions and retractions of an incident', () => {
    const AT = '2020-10-10T12:00:00Z';
    /** Posting a finding on `kapan` (or another incident named by `id`). */
    const findingsOn =
      (kapan: string) =>
      (path: string, body: Json, role: keyof typeof KEYS, id = kapan) =>
        http().post(`/incidents/${id}/${path}`).set(bearer(role)).send(body);

    interface Reported {
      truceId: string;
      /** Armenia accuses Azerbaijan of shelling near Kapan at 08:07Z, one civilian killed: the only claim. */
      kapan: string;
      otherIncident: string;
      post: ReturnType<typeof findingsOn>;
    }

    /** Given the Kapan report (recorded at 09:01Z), and an incident under another truce. */
    async function reported(): Promise<Reported> {
      t.clock.set('2020-10-10T07:00:00.000Z');
      const truceId = await newTruce('incident findings');
      t.clock.set('2020-10-10T09:00:00.000Z');
      const kapan = await newIncident(truceId);
      const other = await newTruce('incident findings, another truce');
      const otherIncident = await newIncident(other);
      return { truceId, kapan, otherIncident, post: findingsOn(kapan) };
    }

    /** …attributed to Azerbaijan on 11 October at 10:00Z (stream version 2). */
    async function attributedToAzerbaijan(): Promise<Reported> {
      const given = await reported();
      t.clock.set('2020-10-11T10:00:00.000Z');
      expectWritten(await given.post('attributions', anAttributionBody(), 'verifier'), 2);
      return given;
    }

    /** …then found not attributable, and attributed to Azerbaijan again (stream version 4). */
    async function attributedAgain(): Promise<Reported> {
      const given = await attributedToAzerbaijan();
      tick();
      expectWritten(await given.post('attributions', { attributedTo: 'not_attributable', by: 'Second monitor' }, 'admin'), 3);
      tick();
      expectWritten(await given.post('attributions', anAttributionBody(), 'verifier'), 4);
      return given;
    }

    /** …its casualties revised by the reporter (stream version 5). */
    async function revisedOnce(): Promise<Reported> {
      const given = await attributedAgain();
      tick();
      expectWritten(await given.post('casualty-revisions', aCasualtyRevisionBody(), 'reporter'), 5);
      return given;
    }

    /** …and again by an admin (stream version 6). */
    async function revisedTwice(): Promise<Reported> {
      const given = await revisedOnce();
      tick();
      expectWritten(await given.post('casualty-revisions', aCasualtyRevisionBody({ casualties: { killed: { military: 1 } } }), 'admin'), 6);
      return given;
    }

    /** …and retracted by the key that reported it, on 14 October at 08:00Z (stream version 7). */
    async function retracted(): Promise<Reported> {
      const given = await revisedTwice();
      t.clock.set('2020-10-14T08:00:00.000Z');
      expectWritten(await given.post('retractions', aRetractionBody(), 'reporter'), 7);
      return given;
    }

    it('starts contested, with the claim alleged against Azerbaijan', async () => {
      const { truceId } = await reported();
      const summary = await status(truceId, { at: AT });
      expect(summary.status).toBe('contested');
      expect(tallyOf(summary, 'AZE').casualtiesAlleged).toEqual({ killed: { ...ZERO, civilian: 1 }, injured: ZERO });
      expect(tallyOf(summary, 'AZE').casualtiesAttributed).toEqual(NO_CASUALTIES);
    });

    describe('POST /incidents/{id}/attributions (verifier)', () => {
      it('attributes the incident to Azerbaijan: shown on the incident and in casualtiesAttributed', async () => {
        const { truceId, kapan, post } = await reported();
        t.clock.set('2020-10-11T10:00:00.000Z');
        expectWritten(await post('attributions', anAttributionBody(), 'verifier'), 2);
        const body = await incident(kapan);
        expect(body.attribution).toEqual({
          attributedTo: 'AZE',
          by: 'Scenario monitor',
          note: 'Crater analysis (scenario)',
          recordedAt: '2020-10-11T10:00:00.000Z',
        });
        expect(body.streamVersion).toBe(2);
        const summary = await status(truceId, { at: AT });
        expect(tallyOf(summary, 'AZE').casualtiesAttributed).toEqual({ killed: { ...ZERO, civilian: 1 }, injured: ZERO });
        expect(tallyOf(summary, 'ARM').casualtiesAttributed).toEqual(NO_CASUALTIES);
        // Attribution is a finding apart from verification.
        expect(body.verification.status).toBe('unverified');
        expect(summary.status).toBe('contested');
      });

      it('a later finding of not_attributable replaces it (admin may too); note is optional', async () => {
        const { truceId, kapan, post } = await attributedToAzerbaijan();
        tick();
        expectWritten(await post('attributions', { attributedTo: 'not_attributable', by: 'Second monitor' }, 'admin'), 3);
        const body = await incident(kapan);
        expect(body.attribution).toEqual(expect.objectContaining({ attributedTo: 'not_attributable', by: 'Second monitor', note: null }));
        const summary = await status(truceId, { at: AT });
        for (const party of summary.tally) expect(party.casualtiesAttributed).toEqual(NO_CASUALTIES);
        tick();
        expectWritten(await post('attributions', anAttributionBody(), 'verifier'), 4);
      });

      it('refuses an attribution to someone not a party (422 TRUCE.NOT_A_PARTY)', async () => {
        const { kapan, post } = await reported();
        await expectNothingWritten([`incident-${kapan}`], async () => {
          expectProblem(await post('attributions', anAttributionBody({ attributedTo: 'RUS' }), 'verifier'), 422, 'TRUCE.NOT_A_PARTY');
          expectProblem(await post('attributions', anAttributionBody({ attributedTo: 'Russia' }), 'verifier'), 422, 'TRUCE.NOT_A_PARTY');
        });
      });

      it('401 without a key, 403 for a reporter, 400 for bad input, 404 for an unknown incident', async () => {
        const { truceId, kapan, post } = await reported();
        await expectNothingWritten([`incident-${kapan}`, `incident-${UNKNOWN_UUID}`], async () => {
          expectProblem(await http().post(`/incidents/${kapan}/attributions`).send(anAttributionBody()), 401);
          expectProblem(await post('attributions', anAttributionBody(), 'reporter'), 403);
          expectFieldError(await post('attributions', { attributedTo: 'AZE' }, 'verifier'), 'by');
          expectFieldError(await post('attributions', anAttributionBody({ attributedTo: '' }), 'verifier'), 'attributedTo');
          expectFieldError(await post('attributions', anAttributionBody({ attributedTo: ['AZE'] }), 'verifier'), 'attributedTo');
          expectFieldError(await post('attributions', anAttributionBody({ confidence: 'high' }), 'verifier'), 'confidence');
          expectProblem(await post('attributions', anAttributionBody(), 'verifier', UNKNOWN_UUID), 404);
          expectProblem(await post('attributions', anAttributionBody(), 'verifier', 'not-a-uuid'), 404);
          // A truce's id is not an incident's.
          expectProblem(await post('attributions', anAttributionBody(), 'verifier', truceId), 404);
        });
      });
    });

    describe('POST /incidents/{id}/casualty-revisions (reporter)', () => {
      it('revises the figures: the incident shows them and casualtiesAlleged sums the best figure', async () => {
        const { truceId, kapan, post } = await attributedAgain();
        tick();
        expectWritten(await post('casualty-revisions', aCasualtyRevisionBody(), 'reporter'), 5);
        const body = await incident(kapan);
        expect(body.casualties).toEqual({
          killed: { civilian: 2, military: 0, unknown: 0 },
          injured: { civilian: { best: 3, low: 2, high: 5 }, military: 0, unknown: 0 },
        });
        const summary = await status(truceId, { at: AT });
        const aze = tallyOf(summary, 'AZE');
        expect(aze.casualtiesAlleged).toEqual({ killed: { ...ZERO, civilian: 2 }, injured: { ...ZERO, civilian: 3 } });
        expect(aze.casualtiesAttributed).toEqual({ killed: { ...ZERO, civilian: 2 }, injured: { ...ZERO, civilian: 3 } });

        const events = await streamEvents(`incident-${kapan}`);
        expect(events[events.length - 1]).toEqual(
          expect.objectContaining({
            type: 'CasualtiesRevised',
            data: {
              casualties: {
                killed: { civilian: 2, military: 0, unknown: 0 },
                injured: { civilian: { best: 3, low: 2, high: 5 }, military: 0, unknown: 0 },
              },
              sources: [AP_NEWSCLICK],
            },
          }),
        );
      });

      it("only the reporting key or an admin may revise: another desk's key and a verifier get 403, nothing written", async () => {
        const { kapan, post } = await reported();
        await expectNothingWritten([`incident-${kapan}`], async () => {
          expectProblem(await post('casualty-revisions', aCasualtyRevisionBody(), 'otherReporter'), 403, 'INCIDENT.NOT_REPORTER');
          expectProblem(await post('casualty-revisions', aCasualtyRevisionBody(), 'verifier'), 403, 'INCIDENT.NOT_REPORTER');
        });
      });

      it('the latest revision counts; missing numbers are 0 (an admin may revise too, and is recorded as the actor)', async () => {
        const { truceId, kapan, post } = await revisedOnce();
        tick();
        expectWritten(await post('casualty-revisions', aCasualtyRevisionBody({ casualties: { killed: { military: 1 } } }), 'admin'), 6);
        const events = await streamEvents(`incident-${kapan}`);
        expect(events[events.length - 1].metadata.actor).toBe('ada-admin');
        expect((await incident(kapan)).casualties).toEqual({ killed: { ...ZERO, military: 1 }, injured: ZERO });
        expect(tallyOf(await status(truceId, { at: AT }), 'AZE').casualtiesAlleged).toEqual({ killed: { ...ZERO, military: 1 }, injured: ZERO });
      });

      it('400: no source, missing or malformed casualties, bad figures, unknown fields', async () => {
        const { kapan, post } = await reported();
        await expectNothingWritten([`incident-${kapan}`], async () => {
          expectFieldError(await post('casualty-revisions', aCasualtyRevisionBody({ sources: [] }), 'reporter'), 'sources');
          const { sources: _s, ...noSources } = aCasualtyRevisionBody();
          expectFieldError(await post('casualty-revisions', noSources, 'reporter'), 'sources');
          expectFieldError(await post('casualty-revisions', { sources: [AP_NEWSCLICK] }, 'reporter'), 'casualties');
          expectFieldError(await post('casualty-revisions', aCasualtyRevisionBody({ casualties: [] }), 'reporter'), 'casualties');
          expectFieldError(await post('casualty-revisions', aCasualtyRevisionBody({ casualties: 3 }), 'reporter'), 'casualties');
          expectFieldError(
            await post('casualty-revisions', aCasualtyRevisionBody({ casualties: { killed: { civilian: -1 } } }), 'reporter'),
            'casualties.killed.civilian',
          );
          expectFieldError(
            await post('casualty-revisions', aCasualtyRevisionBody({ casualties: { injured: { civilian: { best: 3, low: 4 } } } }), 'reporter'),
            'casualties.injured.civilian',
          );
          expectFieldError(
            await post('casualty-revisions', aCasualtyRevisionBody({ casualties: { missing: { civilian: 1 } } }), 'reporter'),
            'casualties.missing',
          );
        });
      });

      it('401 without a key, 404 for an unknown incident', async () => {
        const { kapan, post } = await reported();
        await expectNothingWritten([`incident-${kapan}`, `incident-${UNKNOWN_UUID}`], async () => {
          expectProblem(await http().post(`/incidents/${kapan}/casualty-revisions`).send(aCasualtyRevisionBody()), 401);
          expectProblem(await post('casualty-revisions', aCasualtyRevisionBody(), 'reporter', UNKNOWN_UUID), 404);
        });
      });
    });

    describe('POST /incidents/{id}/retractions (reporter)', () => {
      it('400 without a reason or with unknown fields; 401 without a key; 404 for an unknown incident', async () => {
        const { kapan, post } = await reported();
        await expectNothingWritten([`incident-${kapan}`, `incident-${UNKNOWN_UUID}`], async () => {
          expectFieldError(await post('retractions', {}, 'reporter'), 'reason');
          expectFieldError(await post('retractions', aRetractionBody({ reason: '' }), 'reporter'), 'reason');
          expectFieldError(await post('retractions', aRetractionBody({ by: 'AZE' }), 'reporter'), 'by');
          expectProblem(await http().post(`/incidents/${kapan}/retractions`).send(aRetractionBody()), 401);
          expectProblem(await http().post(`/incidents/${kapan}/retractions`).set({ Authorization: 'Bearer wrong' }).send(aRetractionBody()), 401);
          expectProblem(await post('retractions', aRetractionBody(), 'reporter', UNKNOWN_UUID), 404);
        });
      });

      it("refuses another desk's key and a verifier (403 INCIDENT.NOT_REPORTER), writing nothing", async () => {
        const { kapan, post } = await reported();
        await expectNothingWritten([`incident-${kapan}`], async () => {
          expectProblem(await post('retractions', aRetractionBody(), 'otherReporter'), 403, 'INCIDENT.NOT_REPORTER');
          expectProblem(await post('retractions', aRetractionBody(), 'verifier'), 403, 'INCIDENT.NOT_REPORTER');
        });
        expect((await incident(kapan)).retracted).toBe(false);
      });

      it('retracts the report with the key that filed it: the event names that key as the one who acted', async () => {
        const { kapan, post } = await revisedTwice();
        t.clock.set('2020-10-14T08:00:00.000Z');
        expectWritten(await post('retractions', aRetractionBody(), 'reporter'), 7);
        const body = await incident(kapan);
        expect(body.retracted).toBe(true);
        expect(body.retraction).toEqual({ by: 'alice-reporter', reason: 'The location was misidentified (scenario)', recordedAt: '2020-10-14T08:00:00.000Z' });
        const events = await streamEvents(`incident-${kapan}`);
        const last = events[events.length - 1];
        expect(last.type).toBe('ReportRetracted');
        expect(last.data).toEqual({ by: 'alice-reporter', reason: 'The location was misidentified (scenario)' });
        expect(last.metadata.actor).toBe('alice-reporter');
      });

      it('the retracted report counts nowhere: the truce, whose only claim it was, is holding again', async () => {
        const { truceId } = await retracted();
        const summary = await status(truceId, { at: AT });
        expect(summary.status).toBe('holding');
        expect(summary.lastBreachAt).toBeNull();
        expect(summary.counts).toEqual(
          expect.objectContaining({
            breaches: 0,
            ambiguous: 0,
            preTruce: 0,
            denied: 0,
            byVerification: { unverified: 0, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 },
          }),
        );
        for (const party of summary.tally) {
          expect(party).toEqual(
            expect.objectContaining({
              reportsMade: 0,
              accusedIn: 0,
              deniedCount: 0,
              casualtiesAlleged: NO_CASUALTIES,
              casualtiesAttributed: NO_CASUALTIES,
            }),
          );
        }
        // As the record stood before the retraction, it was still contested.
        expect((await status(truceId, { at: AT, asOf: '2020-10-14T07:59:59Z' })).status).toBe('contested');
      });

      it('refuses further findings on a retracted report (422 INCIDENT.RETRACTED)', async () => {
        const { kapan, post } = await retracted();
        await expectNothingWritten([`incident-${kapan}`], async () => {
          expectProblem(await post('retractions', aRetractionBody(), 'reporter'), 422, 'INCIDENT.RETRACTED');
          expectProblem(await post('attributions', anAttributionBody(), 'verifier'), 422, 'INCIDENT.RETRACTED');
          expectProblem(await post('casualty-revisions', aCasualtyRevisionBody(), 'reporter'), 422, 'INCIDENT.RETRACTED');
        });
      });

      it('leaves other incidents alone', async () => {
        const { otherIncident } = await retracted();
        const other = await incident(otherIncident);
        expect(other.retracted).toBe(false);
        expect(other.attribution).toBeNull();
        expect(other.streamVersion).toBe(1);
      });
    });
  });
});
