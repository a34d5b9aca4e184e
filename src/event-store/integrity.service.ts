import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
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
}

const BATCH = 5000;

/**
 * Recomputes every stream's hash chain and a digest of the whole log, reading in batches so
 * memory stays constant whatever the log's size: one pass in stream order (chains), one in
 * global order (digest), both bounded by the head seen at the start.
 */
@Injectable()
export class IntegrityService {
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<IntegrityReport> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const head = Number((await manager.query('SELECT COALESCE(MAX(position), 0) AS head FROM events'))[0].head);
      let firstBroken: number | undefined;
      const broken = (position: number) => {
        if (firstBroken === undefined || position < firstBroken) firstBroken = position;
      };

      let checked = 0;
      let last: { streamId: string; version: number; hash: string } | null = null;
      let cursor: [string, number] = ['', 0];
      for (;;) {
        const rows: EventRow[] = await manager.query(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE (stream_id, stream_version) > ($1, $2) AND position <= $3
            ORDER BY stream_id, stream_version LIMIT $4`,
          [cursor[0], cursor[1], head, BATCH],
        );
        for (const row of rows) {
          const event = toRecordedEvent(row);
          const continues: boolean = last !== null && last.streamId === event.streamId;
          const expectedVersion: number = continues ? last!.version + 1 : 1;
          const expectedPrev: string | null = continues ? last!.hash : null;
          const recomputed = eventHash(expectedPrev, event);
          if (event.streamVersion !== expectedVersion || event.prevHash !== expectedPrev || event.hash !== recomputed) {
            broken(event.position);
          }
          last = { streamId: event.streamId, version: event.streamVersion, hash: event.hash };
          checked += 1;
        }
        if (rows.length < BATCH) break;
        const tail = rows[rows.length - 1];
        cursor = [tail.stream_id, tail.stream_version];
      }

      const digest = createHash('sha256');
      let after = 0;
      for (;;) {
        const rows: { position: string; hash: string }[] = await manager.query(
          'SELECT position, hash FROM events WHERE position > $1 AND position <= $2 ORDER BY position LIMIT $3',
          [after, head, BATCH],
        );
        for (const row of rows) digest.update(`${row.position}:${row.hash}\n`);
        if (rows.length < BATCH) break;
        after = Number(rows[rows.length - 1].position);
      }

      const report: IntegrityReport = { ok: firstBroken === undefined, checkedEvents: checked, headPosition: head, digest: digest.digest('hex') };
      if (firstBroken !== undefined) report.firstBroken = firstBroken;
      return report;
    });
  }
}
