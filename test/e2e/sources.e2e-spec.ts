import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { aBreachBody, aDenialBody, aTruceBody, AP_NEWSCLICK } from '../support/builders';
import { expectFieldError, expectNothingWritten, expectWritten } from '../support/expectations';
import { bearer, createTestApp, TestApp } from '../support/test-app';

// Graded sources (Admiralty scale) and denials kept in their own language (API.md, "Sources").
describe('graded sources and translated statements', () => {
  let t: TestApp;
  let truceId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const truce = await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody());
    truceId = truce.body.truceId;
  });
  afterAll(() => t.app.close());

  const report = (body: object) => request(t.http()).post(`/truces/${truceId}/incidents`).set(bearer('reporter')).send(body);

  const GRADED_MONITOR = {
    name: 'Monitoring team 3, patrol report',
    kind: 'monitor',
    reliability: 'B',
    credibility: 2,
    firstHand: true,
    language: 'hy',
    verbatim: 'Կապանի մոտակայքում հրետակոծություն',
  };

  it('a fully graded source is kept as sent and read back', async () => {
    const res = await report(aBreachBody({ sources: [AP_NEWSCLICK, GRADED_MONITOR] }));
    expectWritten(res, { keys: ['incidentId', 'classification'] });
    const read = await request(t.http()).get(`/incidents/${res.body.incidentId}`);
    expect(read.status).toBe(200);
    expect(read.body.sources).toEqual([AP_NEWSCLICK, GRADED_MONITOR]);
  });

  it.each([
    ['reliability', { reliability: 'G' }],
    ['reliability', { reliability: 'b' }],
    ['credibility', { credibility: 7 }],
    ['credibility', { credibility: 0 }],
    ['credibility', { credibility: '2' }],
    ['credibility', { credibility: 2.5 }],
    ['kind', { kind: 'blog' }],
    ['firstHand', { firstHand: 'yes' }],
    ['language', { language: 'xx' }],
    ['language', { language: 'EN' }],
    ['language', { language: 'eng' }],
    ['verbatim', { verbatim: 42 }],
    ['grade', { grade: 'A1' }],
  ])('sources[0].%s refused with 400 and nothing written: %j', async (field, bad) => {
    await expectNothingWritten(t, [`truce-${truceId}`], async () => {
      const res = await report(aBreachBody({ sources: [{ name: 'Someone', ...bad }] }));
      expectFieldError(res, `sources.0.${field}`);
    });
  });

  it('a bad grade on a lifecycle change is refused too', async () => {
    await expectNothingWritten(t, [`truce-${truceId}`], async () => {
      const res = await request(t.http())
        .post(`/truces/${truceId}/suspend`)
        .set(bearer('admin'))
        .send({ by: 'Russia', reason: 'talks', sources: [{ name: 'TASS', reliability: 'Z' }] });
      expectFieldError(res, 'sources.0.reliability');
    });
  });

  describe('denial statements', () => {
    let incidentId: string;

    beforeAll(async () => {
      const res = await report(aBreachBody());
      incidentId = res.body.incidentId;
    });

    const deny = (body: object) => request(t.http()).post(`/incidents/${incidentId}/denials`).set(bearer('reporter')).send(body);

    it('a statement with its language and a translation round-trips', async () => {
      const statement = {
        text: 'Это провокация.',
        language: 'ru',
        translation: { text: 'This is a provocation.', language: 'en', by: 'Monitoring desk translator' },
      };
      expectWritten(await deny(aDenialBody({ statement })));
      const read = await request(t.http()).get(`/incidents/${incidentId}`);
      expect(read.body.denials[read.body.denials.length - 1]).toMatchObject({ deniedBy: 'AZE', statement, characterization: 'provocation' });
    });

    it('a plain string statement (the form recorded before languages were kept) still reads as a string', async () => {
      expectWritten(await deny(aDenialBody({ statement: 'A provocation.' })));
      const read = await request(t.http()).get(`/incidents/${incidentId}`);
      expect(read.body.denials.map((d: { statement: unknown }) => d.statement)).toContain('A provocation.');
    });

    it.each([
      [{ text: 'Provocation', language: 'Russian' }],
      [{ text: '', language: 'ru' }],
      [{ language: 'ru' }],
      [{ text: 'Provocation', language: 'ru', tone: 'angry' }],
      [{ text: 'Provocation', language: 'ru', translation: { text: 'x', language: 'en' } }],
      [{ text: 'Provocation', language: 'ru', translation: { text: 'x', language: 'zz', by: 'desk' } }],
      [''],
      [['Provocation']],
      [42],
    ])('a malformed statement is 400 and writes nothing: %j', async (statement) => {
      await expectNothingWritten(t, [`incident-${incidentId}`], async () => {
        expectFieldError(await deny(aDenialBody({ statement })), 'statement');
      });
    });
  });

  it('the CSV export carries the grades of the best-graded source', async () => {
    const sources = [
      { name: 'Ungraded wire' },
      { name: 'Fair source', reliability: 'C', credibility: 1 },
      { name: 'Better source', reliability: 'B', credibility: 3 },
      { name: 'Same reliability, worse credibility', reliability: 'B', credibility: 4 },
    ];
    const graded = await report(aBreachBody({ sources }));
    const ungraded = await report(aBreachBody({ sources: [AP_NEWSCLICK] }));
    const res = await request(t.http()).get(`/truces/${truceId}/incidents.csv`);
    const rows = parse<Record<string, string>>(res.text, { columns: true });
    const row = (id: string) => rows.find((r) => r.event_id === id)!;
    expect(row(graded.body.incidentId)).toMatchObject({ source_reliability: 'B', source_credibility: '3' });
    expect(row(ungraded.body.incidentId)).toMatchObject({ source_reliability: '', source_credibility: '' });
  });
});
