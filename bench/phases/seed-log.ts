import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { APPEND_LOCK_KEY } from '../../src/event-store/append-lock';
import { eventHash } from '../../src/event-store/hash-chain';
import { aBreachReportedData, BENCH_METADATA } from '../support/event-sized';

export interface SeededLog {
  bigTruceId: string;
  smallTruceId: string;
  incidents: number;
  events: number;
  /** A record time halfway through the seeded log, for as-of queries. */
  midRecordedAt: string;
}

const EVENTS_PER_INCIDENT = 10;
const ROWS_PER_STATEMENT = 1000;

/**
 * Writes a realistic log straight into `events` (bench set-up only: the store's append path is
 * measured elsewhere): one large truce whose incidents each carry a report, denials, a run of
 * verification findings, an attribution and casualty revisions, and one small truce. Hashes are
 * computed with the store's own eventHash, so /integrity and the rebuild see a valid log; log
 * indexes follow on from the log's, and merkle_tree_extend() then builds the Merkle tree of the
 * new events in SQL, so checkpoints and proofs cover them too. Nothing else may write meanwhile.
 */
export async function seedLog(url: string, totalEvents: number, onProgress?: (n: number) => void): Promise<SeededLog> {
  const client = new Client({ connectionString: url });
  await client.connect();
  const bigTruceId = randomUUID();
  const smallTruceId = randomUUID();
  const incidents = Math.max(1, Math.floor((totalEvents - 2) / EVENTS_PER_INCIDENT));
  let clock = Date.parse('2020-10-10T08:00:00Z');
  const tick = () => new Date((clock += 37)).toISOString();
  let pending: unknown[][] = [];
  let written = 0;
  const [{ next }] = (await client.query('SELECT coalesce(max(log_index) + 1, 0) AS next FROM events')).rows;
  const firstLogIndex = Number(next);

  const flush = async () => {
    if (!pending.length) return;
    const params: unknown[] = [];
    const values = pending.map((row) => {
      const base = params.length;
      params.push(...row);
      return `(${row.map((_, k) => `$${base + k + 1}`).join(',')})`;
    });
    await client.query(
      `INSERT INTO events (stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash, log_index) VALUES ${values.join(',')}`,
      params,
    );
    written += pending.length;
    pending = [];
    onProgress?.(written);
  };

  const appendStream = async (streamId: string, events: { type: string; schemaVersion: number; data: unknown }[]) => {
    let prevHash: string | null = null;
    for (let i = 0; i < events.length; i++) {
      const fields = { streamId, streamVersion: i + 1, ...events[i], metadata: BENCH_METADATA, recordedAt: tick() };
      const hash = eventHash(prevHash, fields);
      const logIndex = firstLogIndex + written + pending.length;
      pending.push([
        streamId,
        i + 1,
        fields.type,
        fields.schemaVersion,
        JSON.stringify(fields.data),
        JSON.stringify(BENCH_METADATA),
        fields.recordedAt,
        prevHash,
        hash,
        logIndex,
      ]);
      prevHash = hash;
      if (pending.length >= ROWS_PER_STATEMENT) await flush();
    }
  };

  const truce = (truceId: string, name: string) => ({
    type: 'TruceAgreed',
    schemaVersion: 1,
    data: {
      truceId,
      name,
      parties: [
        { id: 'ARM', name: 'Armenia' },
        { id: 'AZE', name: 'Azerbaijan' },
      ],
      mediators: ['Russia'],
      purposes: ['prisoner_exchange', 'remains_exchange'],
      effectiveAt: '2020-10-10T08:00:00.000Z',
      effectiveAtSource: { text: 'noon (0800 GMT)', timezone: 'Asia/Yerevan' },
      endsAt: null,
      terms: null,
      sources: [{ name: 'AP via NewsClick, 10 Oct 2020' }],
    },
  });
  await appendStream(`truce-${bigTruceId}`, [truce(bigTruceId, 'Benchmark: large truce')]);
  await appendStream(`truce-${smallTruceId}`, [truce(smallTruceId, 'Benchmark: small truce')]);

  let midRecordedAt = '';
  for (let n = 0; n < incidents; n++) {
    if (n === Math.floor(incidents / 2)) midRecordedAt = new Date(clock).toISOString();
    const incidentId = randomUUID();
    const truceId = n % 1000 === 0 ? smallTruceId : bigTruceId;
    const report = aBreachReportedData(truceId, incidentId);
    // Spread occurrence around the effective instant: mostly after, some before or straddling.
    report.occurredAt = { from: new Date(Date.parse('2020-10-10T07:00:00Z') + (n % 240) * 60_000).toISOString(), precision: 'minute' };
    if (n % 2) Object.assign(report, { reportedBy: 'AZE', accusedParty: 'ARM' });
    const verification = (status: string) => ({
      type: 'VerificationChanged',
      schemaVersion: 1,
      data: { status, by: 'Monitor', method: 'independent_sources', note: null },
    });
    const casualties = (killed: number) => ({
      type: 'CasualtiesRevised',
      schemaVersion: 1,
      data: {
        casualties: { killed: { civilian: killed, military: 0, unknown: 0 }, injured: { civilian: 1, military: 0, unknown: 0 } },
        sources: [{ name: 'hospital records' }],
      },
    });
    await appendStream(`incident-${incidentId}`, [
      { type: 'BreachReported', schemaVersion: 2, data: report },
      {
        type: 'BreachDenied',
        schemaVersion: 1,
        data: { deniedBy: report.accusedParty, statement: 'A provocation.', characterization: 'provocation', sources: [] },
      },
      verification('corroborated'),
      casualties(2),
      {
        type: 'BreachDenied',
        schemaVersion: 1,
        data: { deniedBy: report.accusedParty, statement: 'Fabricated.', characterization: 'fabrication', sources: [] },
      },
      verification('inconclusive'),
      { type: 'AttributionDetermined', schemaVersion: 1, data: { attributedTo: report.accusedParty, by: 'Monitor', note: null } },
      verification(n % 3 ? 'corroborated' : 'refuted'),
      casualties(n % 4),
      verification(n % 5 ? 'confirmed' : 'refuted'),
    ]);
  }
  await flush();
  await client.query('SELECT merkle_tree_extend($1)', [APPEND_LOCK_KEY]);
  await client.end();
  return { bigTruceId, smallTruceId, incidents, events: written, midRecordedAt };
}
