/**
 * GET /metrics (Prometheus text): every family an operator watches is there with values that
 * follow what the service did — requests by route pattern and status, append batches, live-feed
 * clients, the connection pool, the record cache's lag and the checkpoints' age.
 */
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { aBreachBody, aTruceBody } from '../support/builders';
import { bearer, createTestApp, TestApp } from '../support/test-app';

/** One sample's value: `name{labels} value`, labels matched as given (in the order prom-client writes them). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(labels ? `${name}{${labels}} ` : `${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics (e2e)', () => {
  let t: TestApp;
  let baseUrl: string;
  const http = () => request(t.http());
  const scrape = async () => {
    const res = await http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.text;
  };
  /** Scrapes until `done` holds for the text, or fails after two seconds. */
  const scrapeUntil = async (done: (text: string) => boolean) => {
    for (let tries = 0; ; tries++) {
      const text = await scrape();
      if (done(text) || tries === 40) return text;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('counts requests by route pattern and status, with their latency, and never names a URL with its ids', async () => {
    const truce = await http().post('/truces').set(bearer('admin')).send(aTruceBody());
    expect(truce.status).toBe(201);
    const labels = 'method="POST",route="/truces/:truceId/incidents",status="201"';
    const before = await scrape();
    const countBefore = sample(before, 'ceasefire_http_requests_total', labels) ?? 0;
    const latencyBefore = sample(before, 'ceasefire_http_request_duration_seconds_count', labels) ?? 0;
    const eventsBefore = sample(before, 'ceasefire_append_batch_events_sum') ?? 0;
    const batchesBefore = sample(before, 'ceasefire_append_batch_duration_seconds_count', 'outcome="committed"') ?? 0;

    for (let i = 0; i < 3; i++) {
      const res = await http().post(`/truces/${truce.body.truceId}/incidents`).set(bearer('reporter')).send(aBreachBody());
      expect(res.status).toBe(201);
    }
    const refused = await http().post(`/truces/${truce.body.truceId}/incidents`).set(bearer('reporter')).send({});
    expect(refused.status).toBe(400);

    const after = await scrape();
    expect(sample(after, 'ceasefire_http_requests_total', labels)).toBe(countBefore + 3);
    expect(sample(after, 'ceasefire_http_request_duration_seconds_count', labels)).toBe(latencyBefore + 3);
    expect(sample(after, 'ceasefire_http_request_duration_seconds_bucket', `le="+Inf",${labels}`)).toBe(latencyBefore + 3);
    expect(sample(after, 'ceasefire_http_requests_total', 'method="POST",route="/truces/:truceId/incidents",status="400"')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'ceasefire_http_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    expect(after).not.toContain(truce.body.truceId);

    // Three appends of one event each: in one to three batches, three events in all.
    expect(sample(after, 'ceasefire_append_batch_events_sum')! - eventsBefore).toBe(3);
    const batches = sample(after, 'ceasefire_append_batch_duration_seconds_count', 'outcome="committed"')! - batchesBefore;
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(batches).toBeLessThanOrEqual(3);
    expect(sample(after, 'ceasefire_events_appended_total', 'type="BreachReported"')).toBeGreaterThanOrEqual(3);
  });

  it('labels requests no route matched as one route, whatever their URL', async () => {
    await http().get('/no/such/path/7d1f0c');
    const text = await scrape();
    expect(sample(text, 'ceasefire_http_requests_total', 'method="GET",route="(unmatched)",status="404"')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('7d1f0c');
  });

  it('shows the pool: open, idle and waiting connections within the pool size', async () => {
    const text = await scrape();
    const total = sample(text, 'ceasefire_db_pool_connections', 'pool="primary",state="total"')!;
    const idle = sample(text, 'ceasefire_db_pool_connections', 'pool="primary",state="idle"')!;
    expect(sample(text, 'ceasefire_db_pool_connections', 'pool="primary",state="max"')).toBe(20);
    // Without READ_DATABASE_URL the reads use the primary's pool: no second one to show.
    expect(text).not.toContain('pool="read"');
    expect(total).toBeGreaterThanOrEqual(1);
    expect(total).toBeLessThanOrEqual(20);
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(idle).toBeLessThanOrEqual(total);
    // The scrape's own queries may be waiting for a connection being opened.
    const waiting = sample(text, 'ceasefire_db_pool_connections', 'pool="primary",state="waiting"')!;
    expect(Number.isInteger(waiting)).toBe(true);
    expect(waiting).toBeGreaterThanOrEqual(0);
    expect(waiting).toBeLessThanOrEqual(5);
  });

  it("shows the checkpoints' age and how far they trail the log, once one is signed", async () => {
    const truce = await http().post('/truces').set(bearer('admin')).send(aTruceBody());
    expect(truce.status).toBe(201);
    expect((await http().get('/checkpoint')).status).toBe(200);
    const text = await scrape();
    const age = sample(text, 'ceasefire_checkpoint_age_seconds')!;
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(30);
    expect(sample(text, 'ceasefire_checkpoint_entries_behind')).toBe(0);

    expect((await http().post('/truces').set(bearer('admin')).send(aTruceBody())).status).toBe(201);
    expect(sample(await scrape(), 'ceasefire_checkpoint_entries_behind')).toBe(1);
  });

  it("shows the record cache's lag, none right after a status read", async () => {
    const truce = await http().post('/truces').set(bearer('admin')).send(aTruceBody());
    expect((await http().get(`/truces/${truce.body.truceId}`)).status).toBe(200);
    const text = await scrape();
    expect(sample(text, 'ceasefire_truce_record_cache_lag_positions')).toBe(0);
    expect(sample(text, 'ceasefire_event_log_head_position')).toBeGreaterThanOrEqual(truce.body.position);
  });

  it('counts live-feed clients while they follow the log, and not once they leave', async () => {
    // From the log's head: a client that never reads would otherwise stall in the catch-up of a
    // long shared test log (back-pressure) and never reach the tail.
    const head = sample(await scrape(), 'ceasefire_event_log_head_position')!;
    const controller = new AbortController();
    const feed = await fetch(`${baseUrl}/events/live?after=${head}`, { signal: controller.signal });
    expect(feed.status).toBe(200);
    const following = await scrapeUntil((text) => sample(text, 'ceasefire_live_feed_subscribers') === 1);
    expect(sample(following, 'ceasefire_live_feed_subscribers')).toBe(1);

    controller.abort();
    await feed.body?.cancel().catch(() => undefined);
    // The hub notices a departed client when it next delivers: an append wakes it.
    await http().post('/truces').set(bearer('admin')).send(aTruceBody());
    const left = await scrapeUntil((text) => sample(text, 'ceasefire_live_feed_subscribers') === 0);
    expect(sample(left, 'ceasefire_live_feed_subscribers')).toBe(0);
  });
});
