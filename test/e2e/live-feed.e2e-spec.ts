import { AddressInfo } from 'node:net';
import request from 'supertest';
import { headPosition } from '../support/expectations';
import { bearer, createTestApp, TestApp } from '../support/test-app';

interface SseEvent {
  id: number;
  type: string;
  data: { position: number; streamId: string };
}

/** Reads SSE events from the feed until `count` have arrived or `timeoutMs` passes. */
async function readFeed(baseUrl: string, query: string, headers: Record<string, string>, count: number, timeoutMs = 5000) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const res = await fetch(`${baseUrl}/events/live?${query}`, { headers, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((l) => l && !l.startsWith(':'))
            .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
        );
        if (fields.id) events.push({ id: Number(fields.id), type: fields.event, data: JSON.parse(fields.data) });
      }
      if (events.length >= count) break;
    }
  } catch (error) {
    if ((error as Error).name !== 'AbortError') throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events.slice(0, count);
}

describe('GET /events/live (Server-Sent Events)', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const head = () => headPosition(t);

  const agree = async () => {
    const res = await request(t.http())
      .post('/truces')
      .set(bearer('admin'))
      .send({
        name: 'feed',
        parties: [
          { id: 'ARM', name: 'Armenia' },
          { id: 'AZE', name: 'Azerbaijan' },
        ],
        effectiveAt: '2020-10-10T08:00:00Z',
      });
    expect(res.status).toBe(201);
    return res.body as { truceId: string; position: number };
  };

  it('delivers events committed after the reader connected, in order, with id = position', async () => {
    const start = await head();
    const reading = readFeed(baseUrl, `after=${start}`, {}, 3);
    await new Promise((r) => setTimeout(r, 200));
    const written = [await agree(), await agree(), await agree()];
    const events = await reading;
    expect(events.map((e) => e.id)).toEqual(written.map((w) => w.position));
    expect(events.every((e) => e.type === 'TruceAgreed' && e.data.position === e.id)).toBe(true);
  });

  it('resumes after Last-Event-ID without skipping or repeating', async () => {
    const before = await head();
    const written = [await agree(), await agree(), await agree()];
    const first = await readFeed(baseUrl, `after=${before}`, {}, 1);
    expect(first.map((e) => e.id)).toEqual([written[0].position]);
    const rest = await readFeed(baseUrl, 'after=0', { 'Last-Event-ID': String(first[0].id) }, 2);
    expect(rest.map((e) => e.id)).toEqual([written[1].position, written[2].position]);
  });

  it('refuses a Last-Event-ID it did not send', async () => {
    const res = await fetch(`${baseUrl}/events/live`, { headers: { 'Last-Event-ID': 'abc' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
