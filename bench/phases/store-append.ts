import { randomUUID } from 'node:crypto';
import { SystemClock } from '../../src/common/clock';
import { createDataSource } from '../../src/database/data-source';
import { APPEND_LOCK_KEY } from '../../src/event-store/append-lock';
import { EventStore } from '../../src/event-store/event-store.service';
import { INCIDENT_UPCASTERS } from '../../src/incidents/domain/incident.upcasters';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { aBreachReportedData, BENCH_METADATA } from '../support/event-sized';
import { closedLoop } from '../support/stats';

/**
 * EventStore.append (hash chain, expected version, inline read model, and the Merkle tree unless
 * `tree` is false), no HTTP. Without the tree the events are numbered but get no nodes (the
 * store's bench-only option): the tree is caught up afterwards in SQL, outside the measurement,
 * so the log stays provable for the phases after.
 */
export async function storeAppends(url: string, concurrency: number, ms: number, options: { tree: boolean } = { tree: true }) {
  const dataSource = createDataSource(url, { poolSize: Math.max(concurrency, 1) });
  await dataSource.initialize();
  const store = new EventStore(dataSource, new SystemClock(), new ReadModelProjector(), [...INCIDENT_UPCASTERS], undefined, { tree: options.tree });
  // Connections opened before the clock starts, so short phases measure appends, not connecting.
  await Promise.all(Array.from({ length: Math.max(concurrency, 1) }, () => dataSource.query('SELECT 1')));
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
  if (!options.tree) await dataSource.query('SELECT merkle_tree_extend($1)', [APPEND_LOCK_KEY]);
  await dataSource.destroy();
  return result;
}
