import { randomUUID } from 'node:crypto';
import { SystemClock } from '../../src/common/clock';
import { ServiceUnavailableError } from '../../src/common/errors/unavailable';
import { createDataSource } from '../../src/database/data-source';
import { EventStore } from '../../src/event-store/event-store.service';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { aBreachReportedData, BENCH_METADATA } from '../support/event-sized';
import { percentiles } from '../support/stats';

/**
 * Commit-to-delivery lag of GET /events/live while events are appended at a steady rate: the
 * time from an append's commit (its promise resolving here) to the SSE message with that id
 * arriving at a client of the service.
 */
export async function liveFeedLag(serviceUrl: string, databaseUrl: string, perSecond: number, seconds: number) {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  const store = new EventStore(dataSource, new SystemClock(), new ReadModelProjector(), []);
  const head = await store.headPosition();
  const committed = new Map<number, number>();
  const received = new Map<number, number>();

  const controller = new AbortController();
  const res = await fetch(`${serviceUrl}/events/live?after=${head}`, { signal: controller.signal });
  const reading = (async () => {
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const now = performance.now();
        buffer += Buffer.from(chunk).toString('utf8');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const id = /^id: (\d+)$/m.exec(buffer.slice(0, end))?.[1];
          if (id) received.set(Number(id), now);
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      /* aborted at the end */
    }
  })();

  const truceId = randomUUID();
  const total = perSecond * seconds;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  // An append the store refuses because the database is too slow to take it (503 to a client) is
  // counted, not fatal: on a loaded machine it is part of the figure.
  let refused = 0;
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const incidentId = randomUUID();
    inFlight.push(
      store
        .append({
          streamId: `incident-${incidentId}`,
          expectedVersion: 0,
          events: [{ type: 'BreachReported', schemaVersion: 2, data: aBreachReportedData(truceId, incidentId) }],
          metadata: BENCH_METADATA,
          result: (a) => a.position,
        })
        .then(
          ({ result }) => void committed.set(result, performance.now()),
          (error: unknown) => {
            if (!(error instanceof ServiceUnavailableError)) throw error;
            refused++;
          },
        ),
    );
  }
  await Promise.all(inFlight);
  const achieved = total / ((performance.now() - started) / 1000);
  const deadline = Date.now() + 5000;
  while (received.size < committed.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  controller.abort();
  await reading;
  await dataSource.destroy();

  const lags = [...committed].filter(([p]) => received.has(p)).map(([p, t]) => Math.max(0, received.get(p)! - t));
  return { achievedPerSecond: achieved, delivered: lags.length, appended: committed.size, refused, ...percentiles(lags) };
}
