/**
 * The reference case through the HTTP API: the humanitarian ceasefire of 10 October 2020 in
 * Nagorno-Karabakh.
 *
 * Source: AP, "After Russia mediates, Armenia, Azerbaijan Agree on Ceasefire in
 * Nagorno-Karabakh", republished by NewsClick, 10 Oct 2020:
 *   - agreed in Moscow after 10 hours of talks, Russia mediating; "intended to exchange
 *     prisoners and recover the dead"; "Minutes after it entered force at noon (0800 GMT),
 *     Armenia and Azerbaijan accused each other of breaching the ceasefire";
 *   - "the Armenian military accused Azerbaijan of shelling the area near the town of Kapan in
 *     Southeastern Armenia, killing one civilian. Azerbaijan's Defence Ministry rejected the
 *     claim as a 'provocation.'";
 *   - "The Azerbaijani military, in turn, accused Armenia of striking the Terter and Agdam
 *     regions of Azerbaijan with missiles. Armenia's Defence Ministry denied that."
 *   - "The claims couldn't be independently verified."
 *
 * The Terter and Agdam strikes are entered as TWO incidents (one per region: they are two
 * places), each a counter-accusation (`respondsTo`) of the Kapan report, with hour precision
 * because AP gives no minute. The corroboration and the collapse further down are NOT in the
 * source: they are test scenario steps that exercise the "violated" and "collapsed" rules.
 *
 * The database is shared with the other e2e files, which may write concurrently: every
 * assertion is about this file's own truce, incidents and streams. Each test records the story
 * on a truce of its own, up to the step it is about (storyUpTo), each step checking its writes
 * as it goes: the tests hold in any order, alone or not.
 */
import request from 'supertest';
import { aBreachBody, aCollapseBody, aDenialBody, aTruceBody, aVerificationBody, AP_NEWSCLICK } from '../support/builders';
import { expectFieldError, expectWritten, headPosition, Written } from '../support/expectations';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** Record times: when each claim was entered into the log (the FixedClock's value). */
const REC = {
  agreed: '2020-10-10T01:15:00.000Z', // the Moscow statement was read out overnight
  kapanReported: '2020-10-10T09:00:00.000Z',
  kapanDenied: '2020-10-10T09:30:00.000Z',
  terterReported: '2020-10-10T10:00:00.000Z',
  agdamReported: '2020-10-10T10:01:00.000Z',
  terterDenied: '2020-10-10T10:30:00.000Z',
  agdamDenied: '2020-10-10T10:31:00.000Z',
  corroborated: '2020-10-12T14:00:00.000Z', // scenario step, not in the source
  collapseRecorded: '2020-10-17T06:00:00.000Z', // scenario step, not in the source
};
/** The effective instant of the (scenario) collapse. */
const COLLAPSE_AT = '2020-10-17T00:00:00.000Z';
const KAPAN_AT = '2020-10-10T08:10:00.000Z';

const ms = (iso: string) => Date.parse(iso);

/** The steps of the story, in the order they happened. */
const STEPS = ['agreed', 'kapanReported', 'kapanDenied', 'strikesReported', 'strikesDenied', 'corroborated', 'collapsed'] as const;
type Step = (typeof STEPS)[number];

/** The reference case as one test recorded it: its ids, and its writes in order. */
interface Story {
  /** The log's head before the story's first write. */
  headBefore: number;
  truceId: string;
  kapanId: string;
  terterId: string;
  agdamId: string;
  writes: Written[];
}

describe('Reference case: Nagorno-Karabakh humanitarian truce of 10 October 2020 (e2e)', () => {
  let t: TestApp;

  const http = () => request(t.http());

  async function status(story: Story, query: Record<string, string | number> = {}) {
    const res = await http().get(`/truces/${story.truceId}`).query(query);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** The latest write of the story: reads pass its position as minPosition. */
  const lastWrite = (story: Story) => story.writes[story.writes.length - 1];

  /**
   * Records the story on a new truce up to and including `last`. Each step checks its writes: 201
   * with exactly position, streamVersion (and the new ids) and ETag "<streamVersion>", each later
   * in the log than the one before.
   */
  async function storyUpTo(last: Step): Promise<Story> {
    const story: Story = { headBefore: await headPosition(t), truceId: '', kapanId: '', terterId: '', agdamId: '', writes: [] };
    return record(story, STEPS.slice(0, STEPS.indexOf(last) + 1));
  }

  /** Records `steps` of the story on the story's truce. */
  async function record(story: Story, steps: readonly Step[]): Promise<Story> {
    const written = (res: request.Response, keys: string[] = []): Written => {
      const write = expectWritten(res, { keys, after: story.writes.length ? lastWrite(story).position : 0 });
      story.writes.push(write);
      return write;
    };
    const strike = (region: string) =>
      aBreachBody({
        reportedBy: 'AZE',
        accusedParty: 'ARM',
        // AP gives no minute: "in turn", after the truce took force at 08:00 GMT.
        occurredAt: { from: '2020-10-10T08:00:00Z', precision: 'hour' },
        location: { name: region, countryIso3: 'AZE', precision: 'region' },
        weapons: ['missile'],
        casualties: {},
        description: `Azerbaijani military: Armenia struck the ${region} region with missiles.`,
        respondsTo: story.kapanId,
      });
    const denial = aDenialBody({ deniedBy: 'ARM', statement: "Armenia's Defence Ministry denied that.", characterization: 'fabrication' });

    const recorders: Record<Step, () => Promise<void>> = {
      // The truce as agreed (admin): 201 with truceId, position, streamVersion and ETag.
      agreed: async () => {
        t.clock.set(REC.agreed);
        const res = await http()
          .post('/truces')
          .set(bearer('admin'))
          .send(
            aTruceBody({
              name: 'Humanitarian ceasefire, Moscow statement of 10 October 2020 (reference-case e2e)',
              parties: [
                { id: 'ARM', name: 'Armenia' },
                { id: 'AZE', name: 'Azerbaijan' },
              ],
              mediators: ['Russia'],
              purposes: ['prisoner_exchange', 'remains_exchange'],
              effectiveAt: '2020-10-10T08:00:00Z',
              effectiveAtSource: { text: 'noon (0800 GMT)', timezone: 'Asia/Yerevan' },
            }),
          );
        const write = written(res, ['truceId']);
        expect(write.streamVersion).toBe(1);
        expect(write.position).toBeGreaterThan(story.headBefore);
        expect(res.body.truceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        story.truceId = res.body.truceId;
      },
      // Armenia accuses Azerbaijan of shelling near Kapan, killing one civilian (reporter).
      kapanReported: async () => {
        t.clock.set(REC.kapanReported);
        const res = await http()
          .post(`/truces/${story.truceId}/incidents`)
          .set(bearer('reporter'))
          .send(
            aBreachBody({
              reportedBy: 'ARM',
              accusedParty: 'AZE',
              occurredAt: { from: '2020-10-10T08:10:00Z', precision: 'minute' },
              location: { name: 'Kapan', admin1: 'Syunik', countryIso3: 'ARM', precision: 'near' },
              weapons: ['artillery'],
              casualties: { killed: { civilian: 1 } },
            }),
          );
        const write = written(res, ['incidentId', 'classification']);
        expect(write.streamVersion).toBe(1);
        expect(res.body.classification).toBe('post_truce');
        story.kapanId = res.body.incidentId;
        expect(story.kapanId).toMatch(/^[0-9a-f-]{36}$/);
      },
      // Azerbaijan denies it as a "provocation".
      kapanDenied: async () => {
        t.clock.set(REC.kapanDenied);
        const res = await http()
          .post(`/incidents/${story.kapanId}/denials`)
          .set(bearer('reporter'))
          .send(aDenialBody({ deniedBy: 'AZE', statement: 'provocation', characterization: 'provocation' }));
        expect(written(res).streamVersion).toBe(2);
      },
      // Azerbaijan's counter-accusation: missile strikes on the Terter and Agdam regions (two incidents).
      strikesReported: async () => {
        t.clock.set(REC.terterReported);
        const terter = await http().post(`/truces/${story.truceId}/incidents`).set(bearer('reporter')).send(strike('Terter'));
        written(terter, ['incidentId', 'classification']);
        expect(terter.body.classification).toBe('post_truce');
        story.terterId = terter.body.incidentId;

        t.clock.set(REC.agdamReported);
        const agdam = await http().post(`/truces/${story.truceId}/incidents`).set(bearer('reporter')).send(strike('Agdam'));
        written(agdam, ['incidentId', 'classification']);
        expect(agdam.body.classification).toBe('post_truce');
        story.agdamId = agdam.body.incidentId;
        expect(new Set([story.kapanId, story.terterId, story.agdamId]).size).toBe(3);
      },
      // Armenia denies both strikes.
      strikesDenied: async () => {
        t.clock.set(REC.terterDenied);
        expect(written(await http().post(`/incidents/${story.terterId}/denials`).set(bearer('reporter')).send(denial)).streamVersion).toBe(2);
        t.clock.set(REC.agdamDenied);
        expect(written(await http().post(`/incidents/${story.agdamId}/denials`).set(bearer('reporter')).send(denial)).streamVersion).toBe(2);
      },
      // A verifier corroborates the Kapan report (scenario step).
      corroborated: async () => {
        t.clock.set(REC.corroborated);
        const res = await http()
          .post(`/incidents/${story.kapanId}/verifications`)
          .set(bearer('verifier'))
          .send(aVerificationBody({ status: 'corroborated', by: 'Scenario monitor', method: 'independent_sources' }));
        expect(written(res).streamVersion).toBe(3);
      },
      // An admin records the collapse, with its effective instant (scenario step).
      collapsed: async () => {
        t.clock.set(REC.collapseRecorded);
        const res = await http()
          .post(`/truces/${story.truceId}/collapse`)
          .set(bearer('admin'))
          .send(aCollapseBody({ at: COLLAPSE_AT }));
        expect(written(res).streamVersion).toBe(2);
      },
    };
    for (const step of steps) await recorders[step]();
    return story;
  }

  /** The summary at 12:00Z on 10 October as the record stood on 11 October: contested. */
  async function contestedSummary(story: Story) {
    t.clock.set('2020-10-11T00:00:00.000Z');
    return status(story, { at: '2020-10-10T12:00:00Z', minPosition: lastWrite(story).position });
  }

  beforeAll(async () => {
    t = await createTestApp({ now: REC.agreed });
  });

  afterAll(async () => {
    await t?.app.close();
  });

  it('records the truce as agreed (admin): 201 with truceId, position, streamVersion and ETag', async () => {
    const story = await storyUpTo('agreed');
    expect(story.writes).toHaveLength(1);
  });

  it('shows the truce as agreed, with the source’s own words for the effective instant', async () => {
    const story = await storyUpTo('agreed');
    const body = await status(story, { minPosition: story.writes[0].position });
    expect(body.truceId).toBe(story.truceId);
    expect(body.parties).toEqual([
      { id: 'ARM', name: 'Armenia' },
      { id: 'AZE', name: 'Azerbaijan' },
    ]);
    expect(body.mediators).toEqual(['Russia']);
    expect(body.purposes).toEqual(['prisoner_exchange', 'remains_exchange']);
    expect(ms(body.effectiveAt)).toBe(ms('2020-10-10T08:00:00Z'));
    expect(body.effectiveAtSource).toEqual({ text: 'noon (0800 GMT)', timezone: 'Asia/Yerevan' });
    expect(body.milestones).toEqual([]);
  });

  it('is pending one minute before it takes effect', async () => {
    const story = await storyUpTo('agreed');
    const body = await status(story, { at: '2020-10-10T07:59:00Z' });
    expect(body.status).toBe('pending');
    expect(ms(body.at)).toBe(ms('2020-10-10T07:59:00Z'));
    // asOf defaults to now: the server's (test) clock.
    expect(ms(body.asOf)).toBe(ms(REC.agreed));
  });

  it('is holding at 08:05Z, before any report is entered', async () => {
    const story = await storyUpTo('agreed');
    t.clock.set('2020-10-10T08:30:00.000Z');
    const body = await status(story, { at: '2020-10-10T08:05:00Z' });
    expect(body.status).toBe('holding');
    expect(body.lastBreachAt).toBeNull();
    expect(body.counts.breaches).toBe(0);
    for (const party of body.tally) {
      expect(party.reportsMade).toBe(0);
      expect(party.accusedIn).toBe(0);
    }
  });

  it('records Armenia accusing Azerbaijan of shelling near Kapan, killing one civilian (reporter)', async () => {
    expect((await storyUpTo('kapanReported')).writes).toHaveLength(2);
  });

  it('records Azerbaijan denying it as a "provocation"', async () => {
    expect((await storyUpTo('kapanDenied')).writes).toHaveLength(3);
  });

  it('records Azerbaijan’s counter-accusation: missile strikes on the Terter and Agdam regions (two incidents)', async () => {
    expect((await storyUpTo('strikesReported')).writes).toHaveLength(5);
  });

  it('records Armenia denying both strikes', async () => {
    expect((await storyUpTo('strikesDenied')).writes).toHaveLength(7);
  });

  it('is contested: three unverified, denied breaches, with the per-party tally', async () => {
    const story = await storyUpTo('strikesDenied');
    const body = await contestedSummary(story);
    expect(body.status).toBe('contested');
    expect(ms(body.lastBreachAt)).toBe(ms(KAPAN_AT));
    expect(body.counts).toEqual(
      expect.objectContaining({
        breaches: 3,
        ambiguous: 0,
        preTruce: 0,
        denied: 3,
        byVerification: { unverified: 3, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 },
      }),
    );
    expect(body.tally).toHaveLength(2);
    const arm = body.tally.find((p: any) => p.id === 'ARM');
    const aze = body.tally.find((p: any) => p.id === 'AZE');
    expect(arm).toEqual(
      expect.objectContaining({
        name: 'Armenia',
        reportsMade: 1,
        accusedIn: 2,
        deniedCount: 2,
        byVerification: { unverified: 2, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 },
      }),
    );
    expect(aze).toEqual(
      expect.objectContaining({
        name: 'Azerbaijan',
        reportsMade: 2,
        accusedIn: 1,
        deniedCount: 1,
        byVerification: { unverified: 1, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 },
      }),
    );
    expect(aze.casualtiesAlleged).toEqual({
      killed: { civilian: 1, military: 0, unknown: 0 },
      injured: { civilian: 0, military: 0, unknown: 0 },
    });
    expect(arm.casualtiesAlleged.killed).toEqual({ civilian: 0, military: 0, unknown: 0 });
  });

  it('was still holding at 08:05Z, whatever was reported later about 08:10Z', async () => {
    const story = await storyUpTo('strikesDenied');
    const body = await status(story, { at: '2020-10-10T08:05:00Z', asOf: REC.kapanDenied });
    // Only Kapan (08:10Z) is known as of then: it had not yet happened at 08:05Z.
    expect(body.status).toBe('holding');
    expect(body.counts.breaches).toBe(0);
  });

  it('lists the truce’s incidents, each classified post_truce, with filters', async () => {
    const story = await storyUpTo('strikesDenied');
    const { truceId, kapanId, terterId, agdamId } = story;
    const res = await http().get(`/truces/${truceId}/incidents`);
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items.map((i: any) => i.incidentId)).toEqual([kapanId, terterId, agdamId]);
    for (const item of res.body.items) {
      expect(item.truceId).toBe(truceId);
      expect(item.classification).toBe('post_truce');
    }

    const againstArmenia = await http().get(`/truces/${truceId}/incidents`).query({ accused: 'ARM' });
    expect(againstArmenia.status).toBe(200);
    expect(againstArmenia.body.items.map((i: any) => i.incidentId).sort()).toEqual([terterId, agdamId].sort());

    const postTruce = await http().get(`/truces/${truceId}/incidents`).query({ classification: 'post_truce', limit: 2 });
    expect(postTruce.status).toBe(200);
    expect(postTruce.body.items.map((i: any) => i.incidentId)).toEqual([kapanId, terterId]);
    expect(typeof postTruce.body.nextCursor).toBe('string');
    const next = await http().get(`/truces/${truceId}/incidents`).query({ classification: 'post_truce', limit: 2, cursor: postTruce.body.nextCursor });
    expect(next.status).toBe(200);
    expect(next.body.items.map((i: any) => i.incidentId)).toEqual([agdamId]);
    expect(next.body.nextCursor).toBeNull();

    const preTruce = await http().get(`/truces/${truceId}/incidents`).query({ classification: 'pre_truce' });
    expect(preTruce.status).toBe(200);
    expect(preTruce.body.items).toEqual([]);
  });

  it('shows the Kapan incident as reported, with its denial', async () => {
    const story = await storyUpTo('strikesDenied');
    const { truceId, kapanId, terterId } = story;
    const res = await http().get(`/incidents/${kapanId}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        incidentId: kapanId,
        truceId,
        reportedBy: 'ARM',
        accusedParty: 'AZE',
        location: { name: 'Kapan', admin1: 'Syunik', countryIso3: 'ARM', precision: 'near' },
        weapons: ['artillery'],
        casualties: {
          killed: { civilian: 1, military: 0, unknown: 0 },
          injured: { civilian: 0, military: 0, unknown: 0 },
        },
        sources: [AP_NEWSCLICK],
        classification: 'post_truce',
        attribution: null,
        retracted: false,
        respondsTo: null,
        streamVersion: 2,
      }),
    );
    expect(ms(res.body.occurredAt.from)).toBe(ms(KAPAN_AT));
    expect(res.body.occurredAt.precision).toBe('minute');
    expect(ms(res.body.recordedAt)).toBe(ms(REC.kapanReported));
    expect(res.body.verification).toEqual({ status: 'unverified', history: [] });
    expect(res.body.denials).toHaveLength(1);
    expect(res.body.denials[0]).toEqual(expect.objectContaining({ deniedBy: 'AZE', statement: 'provocation', characterization: 'provocation' }));
    expect(ms(res.body.denials[0].recordedAt)).toBe(ms(REC.kapanDenied));

    const terter = await http().get(`/incidents/${terterId}`);
    expect(terter.status).toBe(200);
    expect(terter.body.respondsTo).toBe(kapanId);
    expect(terter.body.denials.map((d: any) => d.deniedBy)).toEqual(['ARM']);
  });

  it('becomes violated once a verifier corroborates the Kapan report (scenario step)', async () => {
    const story = await storyUpTo('corroborated');
    const written = lastWrite(story);
    expect(written.streamVersion).toBe(3);

    const body = await status(story, { at: '2020-10-10T12:00:00Z', minPosition: written.position });
    expect(body.status).toBe('violated');
    expect(body.counts.byVerification).toEqual({ unverified: 2, corroborated: 1, confirmed: 0, refuted: 0, inconclusive: 0 });
    expect(body.tally.find((p: any) => p.id === 'AZE').byVerification.corroborated).toBe(1);
  });

  it('keeps the verification history on the incident', async () => {
    const story = await storyUpTo('corroborated');
    const { kapanId } = story;
    const res = await http()
      .get(`/incidents/${kapanId}`)
      .query({ minPosition: lastWrite(story).position });
    expect(res.status).toBe(200);
    expect(res.body.verification.status).toBe('corroborated');
    expect(res.body.verification.history).toHaveLength(1);
    expect(res.body.verification.history[0]).toEqual(
      expect.objectContaining({ status: 'corroborated', by: 'Scenario monitor', method: 'independent_sources' }),
    );
    expect(ms(res.body.verification.history[0].recordedAt)).toBe(ms(REC.corroborated));
    expect(res.body.streamVersion).toBe(3);
  });

  it('still answers "contested" as the record stood before the corroboration (asOf), echoing at and asOf', async () => {
    const story = await storyUpTo('strikesDenied');
    const contested = await contestedSummary(story);
    await record(story, ['corroborated']);
    const asOf = '2020-10-11T00:00:00Z';
    const body = await status(story, { at: '2020-10-10T12:00:00Z', asOf });
    expect(body.status).toBe('contested');
    expect(ms(body.at)).toBe(ms('2020-10-10T12:00:00Z'));
    expect(ms(body.asOf)).toBe(ms(asOf));
    const { at: _a, asOf: _b, ...rest } = body;
    const { at: _c, asOf: _d, ...before } = contested;
    expect(rest).toEqual(before);
  });

  it('answers 404 for a record time before the truce was recorded', async () => {
    const story = await storyUpTo('agreed');
    const { truceId } = story;
    const res = await http().get(`/truces/${truceId}`).query({ asOf: '2020-10-10T01:14:59Z' });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(404);
  });

  it('collapses (admin, with an effective instant): collapsed from that instant, not 1 ms before', async () => {
    const story = await storyUpTo('collapsed');
    const written = lastWrite(story);
    expect(written.streamVersion).toBe(2);

    expect((await status(story, { at: COLLAPSE_AT, minPosition: written.position })).status).toBe('collapsed');
    expect((await status(story, { at: '2020-10-17T00:00:00.001Z' })).status).toBe('collapsed');
    expect((await status(story, { at: '2020-10-16T23:59:59.999Z' })).status).toBe('violated');
    expect((await status(story)).status).toBe('collapsed');
    // Before the collapse was recorded, the record did not know of it.
    expect((await status(story, { at: COLLAPSE_AT, asOf: '2020-10-17T05:59:59Z' })).status).toBe('violated');
  });

  it('lists the truce in GET /truces (items, nextCursor)', async () => {
    const story = await storyUpTo('collapsed');
    const { truceId } = story;
    let cursor: string | undefined;
    let found: any;
    let pages = 0;
    do {
      const res = await http()
        .get('/truces')
        .query({ limit: 100, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body.items)).toBe(true);
      expect(res.body).toHaveProperty('nextCursor');
      found = res.body.items.find((i: any) => i.truceId === truceId);
      cursor = res.body.nextCursor ?? undefined;
      pages += 1;
    } while (!found && cursor && pages < 50);
    expect(found).toBeDefined();
    expect(found.name).toBe('Humanitarian ceasefire, Moscow statement of 10 October 2020 (reference-case e2e)');
    expect(found.status).toBe('collapsed');
    expect(found.counts.breaches).toBe(3);
  });

  it('pages the timeline like the log: ?after=&limit= with nextAfter, each event exactly once', async () => {
    const story = await storyUpTo('collapsed');
    const seen: number[] = [];
    for (let after = 0, pages = 0; ; pages++) {
      const res = await http()
        .get(`/truces/${story.truceId}/history`)
        .query({ after, limit: 2, minPosition: lastWrite(story).position });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((e: { position: number }) => e.position));
      if (!res.body.items.length) {
        expect(res.body.nextAfter).toBe(after);
        expect(pages).toBe(5);
        break;
      }
      expect(res.body.nextAfter).toBe(res.body.items.at(-1).position);
      after = res.body.nextAfter;
    }
    expect(seen).toEqual(story.writes.map((w) => w.position));
    expectFieldError(await http().get(`/truces/${story.truceId}/history`).query({ limit: 1001 }), 'limit');
  });

  it('returns the whole timeline in GET /truces/{id}/history, in increasing position', async () => {
    const story = await storyUpTo('collapsed');
    const { truceId, kapanId, terterId, agdamId } = story;
    const res = await http()
      .get(`/truces/${truceId}/history`)
      .query({ minPosition: lastWrite(story).position });
    expect(res.status).toBe(200);
    const items: any[] = res.body.items;
    expect(items.map((e) => e.position)).toEqual(story.writes.map((w) => w.position));
    expect(items.map((e) => e.type)).toEqual([
      'TruceAgreed',
      'BreachReported',
      'BreachDenied',
      'BreachReported',
      'BreachReported',
      'BreachDenied',
      'BreachDenied',
      'VerificationChanged',
      'TruceCollapsed',
    ]);
    expect(items.map((e) => e.streamId)).toEqual([
      `truce-${truceId}`,
      `incident-${kapanId}`,
      `incident-${kapanId}`,
      `incident-${terterId}`,
      `incident-${agdamId}`,
      `incident-${terterId}`,
      `incident-${agdamId}`,
      `incident-${kapanId}`,
      `truce-${truceId}`,
    ]);
    expect(items.map((e) => e.recordedAt)).toEqual([
      REC.agreed,
      REC.kapanReported,
      REC.kapanDenied,
      REC.terterReported,
      REC.agdamReported,
      REC.terterDenied,
      REC.agdamDenied,
      REC.corroborated,
      REC.collapseRecorded,
    ]);
    // The key's name is the actor of each event (API.md, "Auth").
    expect(items.map((e) => e.metadata.actor)).toEqual([
      'ada-admin',
      'alice-reporter',
      'alice-reporter',
      'alice-reporter',
      'alice-reporter',
      'alice-reporter',
      'alice-reporter',
      'victor-verifier',
      'ada-admin',
    ]);
    const collapsed = items[items.length - 1];
    expect(ms(collapsed.data.at)).toBe(ms(COLLAPSE_AT));
  });

  it('pages GET /events with after/nextAfter and sees each of its events exactly once', async () => {
    const story = await storyUpTo('collapsed');
    const { truceId, kapanId, terterId, agdamId } = story;
    const mine = new Set([`truce-${truceId}`, `incident-${kapanId}`, `incident-${terterId}`, `incident-${agdamId}`]);
    const seen: any[] = [];
    let after = story.headBefore;
    let previous = story.headBefore;
    for (let page = 0; page < 10_000; page++) {
      const res = await http().get('/events').query({ after, limit: 3 });
      expect(res.status).toBe(200);
      const items: any[] = res.body.items;
      if (items.length === 0) {
        expect(res.body.nextAfter).toBe(after);
        break;
      }
      for (const event of items) {
        expect(event.position).toBeGreaterThan(previous);
        previous = event.position;
        if (mine.has(event.streamId)) seen.push(event);
      }
      expect(res.body.nextAfter).toBe(items[items.length - 1].position);
      after = res.body.nextAfter;
      if (previous >= lastWrite(story).position) break;
    }
    expect(seen.map((e) => e.position)).toEqual(story.writes.map((w) => w.position));
    for (const event of seen) {
      expect(Object.keys(event).sort()).toEqual(
        ['position', 'logIndex', 'streamId', 'streamVersion', 'type', 'schemaVersion', 'data', 'metadata', 'recordedAt', 'hash', 'prevHash'].sort(),
      );
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
    }

    const byStream = await http()
      .get('/events')
      .query({ after: story.headBefore, streamId: `incident-${kapanId}` });
    expect(byStream.status).toBe(200);
    expect(byStream.body.items.map((e: any) => e.type)).toEqual(['BreachReported', 'BreachDenied', 'VerificationChanged']);

    const byType = await http()
      .get('/events')
      .query({ after: story.headBefore, streamId: `truce-${truceId}`, type: 'TruceCollapsed' });
    expect(byType.status).toBe(200);
    expect(byType.body.items).toHaveLength(1);
    expect(byType.body.items[0].position).toBe(lastWrite(story).position);
  });

  it('returns one stream in version order with its hash chain (GET /streams/{streamId}/events)', async () => {
    const story = await storyUpTo('collapsed');
    const { truceId, kapanId } = story;
    const res = await http().get(`/streams/incident-${kapanId}/events`);
    expect(res.status).toBe(200);
    const items: any[] = res.body.items;
    expect(items.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect(items[0].prevHash).toBeNull();
    expect(items[1].prevHash).toBe(items[0].hash);
    expect(items[2].prevHash).toBe(items[1].hash);

    const truce = await http().get(`/streams/truce-${truceId}/events`);
    expect(truce.status).toBe(200);
    expect(truce.body.items.map((e: any) => e.type)).toEqual(['TruceAgreed', 'TruceCollapsed']);

    const unknown = await http().get('/streams/truce-00000000-0000-4000-8000-000000000000/events');
    expect(unknown.status).toBe(404);
  });

  it('checks the integrity of the log: ok, covering every event written', async () => {
    const story = await storyUpTo('collapsed');
    const res = await http().get('/integrity');
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(true);
    expect(res.body.firstBroken).toBeUndefined();
    expect(res.body.checkedEvents).toBeGreaterThanOrEqual(story.writes.length);
    expect(res.body.headPosition).toBeGreaterThanOrEqual(lastWrite(story).position);
    expect(res.body.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('rebuilds the read models (admin): {events, durationMs}, and the status is unchanged', async () => {
    const story = await storyUpTo('collapsed');
    const { truceId, kapanId } = story;
    const query = { at: '2020-10-10T12:00:00Z' };
    const before = await status(story, query);
    const incidentBefore = (await http().get(`/incidents/${kapanId}`)).body;

    // Reads issued while the rebuild runs see the old read models, never a half-built one.
    const [res, ...during] = await Promise.all([
      http().post('/admin/projections/rebuild').set(bearer('admin')),
      ...Array.from({ length: 5 }, () => http().get(`/truces/${truceId}`).query(query)),
    ]);
    for (const read of during) {
      expect(read.status).toBe(200);
      expect(read.body).toEqual(before);
    }
    expect([200, 201]).toContain(res.status);
    expect(res.body.events).toBeGreaterThanOrEqual(story.writes.length);
    expect(typeof res.body.durationMs).toBe('number');
    expect(res.body.durationMs).toBeGreaterThanOrEqual(0);

    expect(await status(story, query)).toEqual(before);
    expect(before.status).toBe('violated');
    expect((await status(story)).status).toBe('collapsed');
    const incidentAfter = await http().get(`/incidents/${kapanId}`);
    expect(incidentAfter.status).toBe(200);
    expect(incidentAfter.body).toEqual(incidentBefore);
  });
});
