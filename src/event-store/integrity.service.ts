import { Injectable } from '@nestjs/common';
import { createHash, Hash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from './event-row';
import { eventHash } from './hash-chain';

export interface IntegrityReport {
  ok: boolean;
  checkedEvents: number;
  headPosition: number;
  /** SHA-256 over `position:hash` of every event up to headPosition, in order. */
  digest: string;
  /** The lowest position whose stored hash, link or version does not check out. */
  firstBroken?: number;
  /** When every chain was last recomputed from the first event (ISO instant). */
  fullCheckAt: string;
}

const BATCH = 5000;

/** How often `latest()` recomputes everything rather than only what was appended since. */
const FULL_CHECK_EVERY_MS = 60 * 60 * 1000;

/** Where a check got to: enough to carry on from there. */
interface Progress {
  through: number;
  checked: number;
  digest: Hash;
  firstBroken?: number;
  fullCheckAt: Date;
}

/**
 * Recomputes the log's hash chains and a digest of the whole log, reading in batches so memory
 * stays constant whatever the log's size.
 *
 * `check()` recomputes everything (npm run verify). `latest()` (GET /integrity) keeps where it got
 * to and checks only the events appended since — each against its predecessor in its stream —
 * recomputing everything at most hourly; concurrent callers share one computation. An endpoint
 * open to anyone must not let a burst of requests re-read the whole log each time.
 */
@Injectable()
export class IntegrityService {
  private progress: Progress | null = null;
  private running: Promise<IntegrityReport> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  /** Every chain recomputed from the first event. */
  async check(): Promise<IntegrityReport> {
    const progress = await this.full();
    this.progress = progress;
    return report(progress);
  }

  /** Up to the current head: from where the last check got to, or from scratch when due. */
  latest(): Promise<IntegrityReport> {
    this.running ??= this.advance().finally(() => (this.running = null));
    return this.running;
  }

  private async advance(): Promise<IntegrityReport> {
    const known = this.progress;
    if (!known || Date.now() - known.fullCheckAt.getTime() > FULL_CHECK_EVERY_MS) return this.check();
    const progress = await this.incremental(known);
    this.progress = progress;
    return report(progress);
  }

  private full(): Promise<Progress> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const head = await headOf(manager);
      const progress: Progress = { through: head, checked: 0, digest: createHash('sha256'), fullCheckAt: new Date() };

      // Chains, in stream order: each event against the one before it in its stream.
      let last: { streamId: string; version: number; hash: string } | null = null;
      let cursor: [string, number] = ['', 0];
      for (;;) {
        const rows: EventRow[] = await manager.query(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE (stream_id, stream_version) > ($1, $2) AND position <= $3
            ORDER BY stream_id, stream_version LIMIT $4`,
          [cursor[0], cursor[1], head, BATCH],
        );
        for (const row of rows) {
          const continues = last !== null && last.streamId === row.stream_id;
          if (!linkHolds(row, continues ? last!.version : 0, continues ? last!.hash : null)) broken(progress, Number(row.position));
          last = { streamId: row.stream_id, version: row.stream_version, hash: row.hash };
          progress.checked += 1;
        }
        if (rows.length < BATCH) break;
        const tail = rows[rows.length - 1];
        cursor = [tail.stream_id, tail.stream_version];
      }

      // The digest, in log order.
      for (let after = 0; ;) {
        const rows: { position: string; hash: string }[] = await manager.query(
          'SELECT position, hash FROM events WHERE position > $1 AND position <= $2 ORDER BY position LIMIT $3',
          [after, head, BATCH],
        );
        for (const row of rows) progress.digest.update(`${row.position}:${row.hash}\n`);
        if (rows.length < BATCH) break;
        after = Number(rows[rows.length - 1].position);
      }
      return progress;
    });
  }

  /** The events after `known.through`, each checked against its stream predecessor (which may be older). */
  private async incremental(known: Progress): Promise<Progress> {
    const progress: Progress = { ...known, digest: known.digest.copy() };
    const head = await headOf(this.dataSource.manager);
    while (progress.through < head) {
      const rows: (EventRow & { before_version: number | null; before_hash: string | null })[] = await this.dataSource.query(
        `SELECT e.position, e.log_index, e.stream_id, e.stream_version, e.type, e.schema_version, e.data, e.metadata, e.recorded_at, e.hash, e.prev_hash,
                p.stream_version AS before_version, p.hash AS before_hash
           FROM events e LEFT JOIN events p ON p.stream_id = e.stream_id AND p.stream_version = e.stream_version - 1
          WHERE e.position > $1 AND e.position <= $2 ORDER BY e.position LIMIT $3`,
        [progress.through, head, BATCH],
      );
      if (!rows.length) break;
      for (const row of rows) {
        if (!linkHolds(row, row.before_version ?? 0, row.before_hash)) broken(progress, Number(row.position));
        progress.digest.update(`${row.position}:${row.hash}\n`);
        progress.checked += 1;
        progress.through = Number(row.position);
      }
    }
    progress.through = Math.max(progress.through, head);
    return progress;
  }
}

/** The event follows its predecessor (version and hash) and its own hash recomputes. */
function linkHolds(row: EventRow, previousVersion: number, previousHash: string | null): boolean {
  const event = toRecordedEvent(row);
  return event.streamVersion === previousVersion + 1 && event.prevHash === previousHash && event.hash === eventHash(previousHash, event);
}

function broken(progress: Progress, position: number): void {
  if (progress.firstBroken === undefined || position < progress.firstBroken) progress.firstBroken = position;
}

async function headOf(manager: EntityManager): Promise<number> {
  return Number((await manager.query('SELECT COALESCE(MAX(position), 0) AS head FROM events'))[0].head);
}

function report(progress: Progress): IntegrityReport {
  const out: IntegrityReport = {
    ok: progress.firstBroken === undefined,
    checkedEvents: progress.checked,
    headPosition: progress.through,
    digest: progress.digest.copy().digest('hex'),
    fullCheckAt: progress.fullCheckAt.toISOString(),
  };
  if (progress.firstBroken !== undefined) out.firstBroken = progress.firstBroken;
  return out;
}
