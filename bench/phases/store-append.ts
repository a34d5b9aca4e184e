import { randomUUID } from 'node:crypto';
import { SystemClock } from '../../src/common/clock';
import { createDataSource } from '../../src/database/data-source';
import { APPEND_LOCK_KEY } from '../../src/event-store/append-lock';
import { EventStore } from '../../src/event-store/event-store.service';
import { INCIDENT_UPCASTERS } from '../../src/incidents/domain/incident.upcasters';
import { ReadModelProjector } from '../../src/projections/read-model-projector';
import { aBreachReportedData, BENCH_METADATA } from '../support/event-sized';
import { closedLoop, percentiles } from '../support/stats';

export interface AppendFigures {
  perSecond: number;
  p99: number;
}

/**
 * EventStore.append (hash chain, expected version, inline read model), no HTTP — as the service
 * appends, maintaining the Merkle tree, and without the tree (the store's bench-only option:
 * events numbered, no nodes), on one pool, in alternating slices (with, without, without, with,
 * without, with, with, without, …) so that drift in a shared machine and the log's growth weigh
 * on both alike. After each slice without the tree, the tree is caught up in SQL, outside the
 * measurement, so the log stays provable for the phases after.
 */
export async function storeAppends(url: string, concurrency: number, msPerMode: number, slices = 8): Promise<{ tree: AppendFigures; plain: AppendFigures }> {
  const dataSource = createDataSource(url, { poolSize: Math.max(concurrency, 1) });
  await dataSource.initialize();
  const store = (tree: boolean) => new EventStore(dataSource, new SystemClock(), new ReadModelProjector(), [...INCIDENT_UPCASTERS], undefined, { tree });
  const stores = { tree: store(true), plain: store(false) };
  // Connections opened before the clock starts, so short slices measure appends, not connecting.
  await Promise.all(Array.from({ length: Math.max(concurrency, 1) }, () => dataSource.query('SELECT 1')));
  const truceId = randomUUID();
  const totals = { tree: { done: 0, seconds: 0, latencies: [] as number[] }, plain: { done: 0, seconds: 0, latencies: [] as number[] } };
  const sliceMs = (2 * msPerMode) / slices;
  for (let i = 0; i < slices; i++) {
    // The Thue–Morse order: ABBA BAAB …, balanced against linear and quadratic drift.
    const mode = bitCount(i) % 2 === 0 ? 'tree' : 'plain';
    const latencies: number[] = [];
    const result = await closedLoop(concurrency, sliceMs, async () => {
      const incidentId = randomUUID();
      const t0 = performance.now();
      await stores[mode].append({
        streamId: `incident-${incidentId}`,
        expectedVersion: 0,
        events: [{ type: 'BreachReported', schemaVersion: 2, data: aBreachReportedData(truceId, incidentId) }],
        metadata: BENCH_METADATA,
        result: (a) => a.position,
      });
      latencies.push(performance.now() - t0);
    });
    totals[mode].done += result.done;
    totals[mode].seconds += result.done ? result.done / result.perSecond : sliceMs / 1000;
    totals[mode].latencies.push(...latencies);
    if (mode === 'plain') await dataSource.query('SELECT merkle_tree_extend($1)', [APPEND_LOCK_KEY]);
  }
  await dataSource.destroy();
  const figures = (t: (typeof totals)['tree']): AppendFigures => ({ perSecond: t.done / t.seconds, p99: percentiles(t.latencies).p99 });
  return { tree: figures(totals.tree), plain: figures(totals.plain) };
}

function bitCount(n: number): number {
  let count = 0;
  for (; n > 0; n = Math.floor(n / 2)) count += n % 2;
  return count;
}
