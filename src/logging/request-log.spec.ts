import fastify from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { Writable } from 'node:stream';
import { AppLogger } from './app-logger';
import { requestIdOf } from './request-id';
import { RequestLog } from './request-log';
import { pinoOptions } from './request-log.options';

class Lines extends Writable {
  readonly parsed: Record<string, unknown>[] = [];
  readonly raw: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      this.raw.push(line);
      this.parsed.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }
}

describe('RequestLog', () => {
  const lines = new Lines();
  const params = { pinoHttp: [pinoOptions('debug'), lines] as [ReturnType<typeof pinoOptions>, Lines] };
  const appLogger = new AppLogger(new PinoLogger(params), params);
  const server = fastify({ genReqId: requestIdOf });
  new RequestLog(new PinoLogger(params)).attach(server);
  server.get('/items/:itemId', async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    appLogger.warn('something to look into', 'ItemsService');
    return { ok: true };
  });
  // The body arrives after the hook ran: the context must outlast its parsing (no middleware re-binds it).
  server.post('/items', async () => {
    appLogger.warn('a posted item to look into', 'ItemsService');
    return { ok: true };
  });

  let base: string;
  beforeAll(async () => {
    base = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  it('binds the request id to what is logged while the request is handled, and logs the request by its route pattern', async () => {
    const res = await fetch(`${base}/items/4711`, { headers: { 'x-request-id': 'req-42', authorization: 'Bearer s3cret-key-0001' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-42');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const mine = lines.parsed.filter((l) => l.requestId === 'req-42');
    expect(mine).toEqual([
      expect.objectContaining({ msg: 'something to look into', context: 'ItemsService', level: 40 }),
      expect.objectContaining({ msg: 'request completed', method: 'GET', route: '/items/:itemId', status: 200 }),
    ]);
    expect(JSON.stringify(lines.parsed)).not.toMatch(/4711|s3cret/);
    // JSON.parse keeps the last of repeated keys: each line must name its request id once.
    const raw = lines.raw.filter((l) => l.includes('"req-42"'));
    expect(raw).toHaveLength(2);
    for (const line of raw) expect(line.match(/"requestId"/g)).toHaveLength(1);
  });

  it('keeps the request id bound through the parsing of a body', async () => {
    const res = await fetch(`${base}/items`, {
      method: 'POST',
      headers: { 'x-request-id': 'req-43', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(100_000) }),
    });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lines.parsed.filter((l) => l.requestId === 'req-43')).toEqual([
      expect.objectContaining({ msg: 'a posted item to look into', context: 'ItemsService' }),
      expect.objectContaining({ msg: 'request completed', method: 'POST', route: '/items', status: 200 }),
    ]);
  });

  it("moves Nest's start-up listings to debug, and keeps other logs at their level", () => {
    appLogger.log('InstanceLoader dependencies initialized', 'InstanceLoader');
    appLogger.log('Applied a migration', 'Migrations');
    expect(lines.parsed.find((l) => l.context === 'InstanceLoader')).toMatchObject({ level: 20 });
    expect(lines.parsed.find((l) => l.context === 'Migrations')).toMatchObject({ level: 30 });
  });
});
