import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { ServiceProcess, startService } from '../../bench/support/service-process';
import { aStore, createScratchDatabase, metadataFor, ScratchDatabase, sleep } from '../support/event-store-fixtures';

/**
 * ARCHITECTURE.md, "Under faults and load": slow readers are served with back-pressure, so memory
 * per client is bounded. Measured from outside, on the service's own process (the compiled build,
 * as production runs it): clients that ask for the whole log and then never read must not make it
 * hold the log in memory. Before back-pressure, three such clients over a 30 MB log took the
 * service from 349 MB to 549 MB.
 */
describe('clients that never read', () => {
  /** What three stalled clients of a 30 MB log may cost the service at most, all told. */
  const BOUND_MB = 60;
  const EVENTS = 3_000;
  const EVENT_BYTES = 10_000;
  let scratch: ScratchDatabase;
  let service: ServiceProcess;
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, ['node_modules/@nestjs/cli/bin/nest.js', 'build'], { stdio: 'inherit' });
    scratch = await createScratchDatabase('slowreaders');
    const { store } = aStore(scratch.dataSource);
    const filler = 'x'.repeat(EVENT_BYTES);
    for (let i = 0; i < EVENTS; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, (_, k) =>
          store.append({
            streamId: `filler-${randomUUID()}`,
            expectedVersion: 'no_stream',
            events: [{ type: 'SomethingHappened', schemaVersion: 1, data: { n: i + k, filler } }],
            metadata: metadataFor(),
            result: () => null,
          }),
        ),
      );
    }
    service = await startService(scratch.runtimeUrl, { DATABASE_OWNER_URL: scratch.url });
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await service?.stop();
    await scratch?.drop();
  });

  /** A client that sends its request and then never reads a byte. */
  function stalledClient(path: string): Promise<net.Socket> {
    const { port } = new URL(service.url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n`);
        socket.pause();
        resolve(socket);
      });
      socket.on('error', reject);
      sockets.push(socket);
    });
  }

  async function steadyRss(): Promise<number> {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      samples.push(service.rssMb());
      await sleep(200);
    }
    return Math.max(...samples);
  }

  it('three live-feed clients from position 0 that never read leave the service’s memory within the bound', async () => {
    // Warm up: one client that does read the whole feed, so what stays allocated after is the baseline.
    const warm = await fetch(`${service.url}/events?after=0&limit=1000`);
    expect(warm.status).toBe(200);
    const before = await steadyRss();

    for (let i = 0; i < 3; i++) await stalledClient('/events/live?after=0');
    let peak = before;
    for (let i = 0; i < 25; i++) {
      peak = Math.max(peak, service.rssMb());
      await sleep(200);
    }

    // The service is still serving everyone else meanwhile.
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    expect(peak - before).toBeLessThan(BOUND_MB);
  }, 60_000);
});
