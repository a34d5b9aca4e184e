import { Pool } from 'pg';
import { EVENT_COLUMNS, EventRow, toRecordedEvent } from '../../src/event-store/event-row';
import { NatsRelay } from '../../src/relay/nats-relay';

/**
 * The relay alone in a process of its own, for a test to SIGKILL mid-stream. It reads the log
 * as the event store does, a small batch at a time and slowly (RELAY_CHILD_READ_DELAY_MS), so
 * that the kill lands while the log is still being published. It prints "publishing" once the
 * first batch is read.
 */
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 2 });
const delayMs = Number(process.env.RELAY_CHILD_READ_DELAY_MS ?? 0);
let announced = false;

const relay = new NatsRelay(
  {
    read: async (after, limit) => {
      await new Promise((r) => setTimeout(r, delayMs));
      const { rows } = await pool.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2`, [after, limit]);
      if (!announced && rows.length) {
        announced = true;
        process.stdout.write('publishing\n');
      }
      return rows.map(toRecordedEvent);
    },
    waitForCommit: (_after, timeoutMs) => new Promise((r) => setTimeout(r, Math.min(timeoutMs, 200))),
  },
  {
    servers: [env('NATS_URL')],
    stream: env('NATS_STREAM'),
    subjectPrefix: env('NATS_SUBJECT_PREFIX'),
    batchSize: Number(process.env.RELAY_CHILD_BATCH ?? 20),
    logger: { log: () => undefined, warn: (m) => process.stderr.write(`relay child: ${m}\n`) },
  },
);

void relay.run(new AbortController().signal);
