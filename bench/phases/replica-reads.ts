import { replicaUnsupportedReason, startStreamingReplica } from '../../test/support/streaming-replica';
import { autocannon, LoadResult } from '../support/autocannon';
import { INCIDENT_BODY, TRUCE_BODY } from '../support/event-sized';
import { BENCH_KEYS, startService } from '../support/service-process';

export interface MixedLoad {
  reads: LoadResult;
  ingest: LoadResult;
}

export interface ReplicaReadsResult {
  /** Reads and ingest on one database: the service without READ_DATABASE_URL. */
  primary: MixedLoad;
  /** The same load with READ_DATABASE_URL at a streaming replica of it; null when none can be made here. */
  replica: MixedLoad | null;
  /** Why there is no replica run. */
  unsupported: string | null;
}

const READERS = 24;
const WRITERS = 8;

/**
 * Queries while ingest runs: `readPath` read by 24 connections while 8 post incidents, first with
 * everything on the primary, then with the reads on a hot standby of it (pg_basebackup, streaming;
 * test/support/streaming-replica.ts). On one machine the replica competes for the same cores, so
 * this shows what the read path costs and keeps, not what a second machine would add.
 */
export async function replicaReads(db: { url: string; ownerUrl: string }, readPath: string, seconds: number): Promise<ReplicaReadsResult> {
  const primary = await mixedLoad(db.url, {}, readPath, seconds);
  const unsupported = replicaUnsupportedReason(db.ownerUrl);
  if (unsupported) return { primary, replica: null, unsupported };
  const replica = await startStreamingReplica(db.ownerUrl);
  try {
    return { primary, replica: await mixedLoad(db.url, { READ_DATABASE_URL: replica.urlFor(db.url) }, readPath, seconds), unsupported: null };
  } finally {
    await replica.stop();
  }
}

async function mixedLoad(databaseUrl: string, env: Record<string, string>, readPath: string, seconds: number): Promise<MixedLoad> {
  const service = await startService(databaseUrl, env);
  try {
    const headers = (key: string) => ({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' });
    const created = await fetch(`${service.url}/truces`, { method: 'POST', headers: headers(BENCH_KEYS.admin), body: JSON.stringify(TRUCE_BODY) });
    const { truceId } = (await created.json()) as { truceId: string };
    const [reads, ingest] = await Promise.all([
      autocannon({ url: `${service.url}${readPath}`, connections: READERS, seconds }),
      autocannon({
        url: `${service.url}/truces/${truceId}/incidents`,
        connections: WRITERS,
        seconds,
        method: 'POST',
        headers: headers(BENCH_KEYS.reporter),
        body: INCIDENT_BODY,
      }),
    ]);
    return { reads, ingest };
  } finally {
    await service.stop();
  }
}
