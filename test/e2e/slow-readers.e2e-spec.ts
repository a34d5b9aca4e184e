import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { ServiceProcess, startService } from '../../bench/support/service-process';
import { aBreachReported, aTruceAgreed } from '../support/domain-builders';
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
  const truceId = randomUUID();
  let scratch: ScratchDatabase;
  let service: ServiceProcess;
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
    scratch = await createScratchDatabase('slowreaders');
    // One truce with 3,000 incidents of about 10 KB each: a 30 MB log, and as much to export.
    const { store } = aStore(scratch.dataSource);
    await store.append({
      streamId: `truce-${truceId}`,
      expectedVersion: 'no_stream',
      events: [aTruceAgreed({ truceId })],
      metadata: metadataFor(),
      result: () => null,
    });
    const description = 'x'.repeat(EVENT_BYTES);
    for (let i = 0; i < EVENTS; i += 100) {
      await Promise.all(
        Array.from({ length: 100 }, () => {
          const incidentId = randomUUID();
          return store.append({
            streamId: `incident-${incidentId}`,
            expectedVersion: 'no_stream',
            events: [aBreachReported({ incidentId, truceId, description })],
            metadata: metadataFor(),
            result: () => null,
          });
        }),
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

  /** The service's peak memory over five seconds after `open` has opened its stalled clients, less what it held before. */
  async function growthWith(open: () => Promise<void>): Promise<number> {
    const before = await steadyRss();
    await open();
    let peak = before;
    for (let i = 0; i < 25; i++) {
      peak = Math.max(peak, service.rssMb());
      await sleep(200);
    }
    // The service is still serving everyone else meanwhile.
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    return peak - before;
  }

  it('three live-feed clients from position 0 that never read leave the service’s memory within the bound', async () => {
    // Warm up: one client that does read, so what stays allocated after is the baseline.
    expect((await fetch(`${service.url}/events?after=0&limit=1000`)).status).toBe(200);
    const growth = await growthWith(async () => {
      for (let i = 0; i < 3; i++) await stalledClient('/events/live?after=0');
    });
    expect(growth).toBeLessThan(BOUND_MB);
  }, 60_000);

  it('three CSV exports that are never read leave the service’s memory within the bound', async () => {
    const warm = await fetch(`${service.url}/truces/${truceId}/incidents.csv`);
    expect(warm.status).toBe(200);
    expect((await warm.text()).split('\r\n').length).toBeGreaterThan(EVENTS);
    const growth = await growthWith(async () => {
      for (let i = 0; i < 3; i++) await stalledClient(`/truces/${truceId}/incidents.csv`);
    });
    expect(growth).toBeLessThan(BOUND_MB);
  }, 60_000);
});
