import { randomUUID } from 'node:crypto';
import { SystemClock } from '../../src/common/clock';
import { createDataSource } from '../../src/database/data-source';
import { EventStore } from '../../src/event-store/event-store.service';
import { INCIDENT_UPCASTERS } from '../../src/incidents/domain/incident.upcasters';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { aBreachReportedData, BENCH_METADATA } from '../support/event-sized';
import { closedLoop } from '../support/stats';

/** EventStore.append (hash chain, expected version, inline read model), no HTTP. */
export async function storeAppends(url: string, concurrency: number, ms: number) {
  const dataSource = createDataSource(url, { poolSize: Math.max(concurrency, 1) });
  await dataSource.initialize();
  const store = new EventStore(dataSource, new SystemClock(), new ReadModelProjector(), [...INCIDENT_UPCASTERS]);
  const truceId = randomUUID();
  const result = await closedLoop(concurrency, ms, async () => {
    const incidentId = randomUUID();
    await store.append({
      streamId: `incident-${incidentId}`,
      expectedVersion: 0,
      events: [{ type: 'BreachReported', schemaVersion: 2, data: aBreachReportedData(truceId, incidentId) }],
      metadata: BENCH_METADATA,
      result: (a) => a.position,
    });
  });
  await dataSource.destroy();
  return result;
}
