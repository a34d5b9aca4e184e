import { AppendRequest, ExpectedVersion, IdempotencyKeyReusedError, RecordedEvent, WrongExpectedVersionError } from './event-store.types';
import { createHash } from 'node:crypto';
import { leafHash } from '../verifier/merkle';
import { eventHash } from './hash-chain';
import { InlineProjection, NewStreamProjection, UnplacedEvent } from './inline-projection';
import { APPEND_CHANNEL } from './append-channel';
import { PreparingSqlClient, SqlClient } from './sql-client';
import { appendLeaves } from './transparency/subtrees';

export type BatchOutcome = { ok: true; result: unknown; replayed: boolean } | { ok: false; error: Error };

/** What the batch opens with: the lock taken, then the heads, remembered keys and the tree read. */
export interface OpenedBatch {
  heads: { streamId: string; version: number; hash: string | null }[];
  remembered: { scope: string; fingerprint: string; result: unknown }[];
  /** Leaves in the log's Merkle tree: the logIndex the batch's first event gets. */
  treeSize: number;
  /**
   * The tree's right edge (hex hashes of its perfect subtrees, left to right); empty without the
   * tree; null when it is the edge the caller sent as known (BatchContext.known).
   */
  frontier: string[] | null;
}

/** A new row of the log, with everything but the position the database hands out. */
export type PlannedRow = Omit<RecordedEvent, 'position'>;

/** Where the tree stands: what appendLeaves continues from. */
export interface TreeEdge {
  size: number;
  frontier: Buffer[];
}

/**
 * The edge after a batch, as its writer knows it: the leaves [from, size) are the batch's, and
 * `digest` is SHA-256 of them concatenated. If the tree still ends with exactly those leaves when
 * the next batch opens, `frontier` is the tree's (its first `from` leaves were committed history
 * when the batch read their frontier), and the opening call need not read it again.
 */
export interface KnownEdge extends TreeEdge {
  from: number;
  digest: string;
}

/**
 * What a batch will write, decided before anything is written: the rows with their hashes, which
 * request each belongs to, and the requests already answered (refused, or remembered results).
 * Kept by the caller so that, should the COMMIT's outcome be unknown, it can look the rows up.
 */
export interface BatchPlan {
  rows: PlannedRow[];
  /** Request index → its rows, [from, to) in `rows`. */
  rowsOf: Map<number, { from: number; to: number }>;
  outcomes: (BatchOutcome | null)[];
  /** Request index → the earlier request of this batch with the same idempotency key and body. */
  sameAs: Map<number, number>;
  /** The JSON text of each row's data and metadata (parallel to `rows`), made before the lock. */
  texts?: { data: string; metadata: string }[];
  /** Read-model rows of the streams this batch begins, made before the lock, for the INSERT to write (NewStreamProjection). */
  newStreamRows: string[];
  /** The indexes in `rows` of the events those rows project: the projection's apply() does not see them. */
  projectedAhead: Set<number>;
}

/**
 * What a request's rows are, as far as it can be known without the lock: one JSON copy of its
 * data and metadata (and their text, as inserted), and — when it expects a new stream — the hashes
 * its events get if the stream is indeed new (version 1 on, no previous hash). The plan uses them
 * only when the heads read under the lock say so; otherwise it hashes there, as before.
 */
export interface PreparedRequest {
  metadata: PlannedRow['metadata'];
  metadataText: string;
  data: unknown[];
  dataTexts: string[];
  newStreamHashes: string[] | null;
  /** With the hashes: the read-model row of the new stream, when the projection writes it in the INSERT. */
  newStreamRow: string | null;
}

/** Makes the read-model row of a new stream's events (a NewStreamProjection's, upcast as apply() sees them). */
export type NewStreamRow = (events: UnplacedEvent[]) => string | null;

/**
 * A request whose values have no JSON form (undefined data, a BigInt) is left unprepared here
 * (null): the plan prepares it again where it is written, and fails there as it always did — after
 * the idempotency replay and version check, which may answer it without writing it.
 */
export function prepareRequests(requests: AppendRequest<unknown>[], recordedAt: string, newStreamRow?: NewStreamRow): (PreparedRequest | null)[] {
  return requests.map((r) => {
    try {
      return prepareRequest(r, recordedAt, newStreamRow);
    } catch {
      return null;
    }
  });
}

function prepareRequest(r: AppendRequest<unknown>, recordedAt: string, newStreamRow?: NewStreamRow): PreparedRequest {
  const metadataText = JSON.stringify(r.metadata);
  const metadata = parseJson(metadataText) as PlannedRow['metadata'];
  const dataTexts = r.events.map((event) => JSON.stringify(event.data));
  const data = dataTexts.map(parseJson);
  let newStreamHashes: string[] | null = null;
  let row: string | null = null;
  if (r.expectedVersion === 'no_stream' || r.expectedVersion === 0) {
    let prevHash: string | null = null;
    const events: UnplacedEvent[] = r.events.map((event, k) => {
      const fields = { streamId: r.streamId, streamVersion: k + 1, type: event.type, schemaVersion: event.schemaVersion, data: data[k], metadata, recordedAt };
      const hash = eventHash(prevHash, fields);
      const planned = { ...fields, prevHash, hash };
      prevHash = hash;
      return planned;
    });
    newStreamHashes = events.map((e) => e.hash);
    row = newStreamRow && events.length ? newStreamRow(events) : null;
  }
  return { metadata, metadataText, data, dataTexts, newStreamHashes, newStreamRow: row };
}

export interface BatchContext {
  recordedAt: string;
  /** Opens the batch in the transaction (events_append_start: migrations/…-CreateAppendStartFunction, …-AddLogIndexAndMerkleTree). */
  open(streamIds: string[], scopes: string[]): Promise<OpenedBatch>;
  projection?: InlineProjection;
  upcast<E extends UnplacedEvent>(event: E): E;
  /** Called with the plan as soon as it is made, before the first row is written. */
  planned?(plan: BatchPlan): void;
  /** Called with the rows as written, positions and all. */
  inserted?(events: RecordedEvent[]): void;
  /**
   * Insert the Merkle tree's new nodes with the events (the service always does). False only for
   * the benchmark's store without the tree: its events are numbered but get no leaves.
   */
  tree: boolean;
  /** The edge the caller holds (sent with the opening call); used when the call confirms it. */
  known?: KnownEdge | null;
  /** Called with the tree's edge after this batch's rows, once they are inserted. */
  extended?(edge: KnownEdge): void;
}

/**
 * Writes the appends of one batch in the caller's transaction (group commit): one opening round
 * trip (lock, stream heads, remembered idempotency keys, the tree's size and right edge), one
 * INSERT carrying the Merkle tree's new nodes, the read-model rows of the streams it begins
 * (made before the lock: NewStreamProjection) and the NOTIFY, one projection pass for the other
 * events (none when every request begins a stream). Each request
 * keeps its own outcome: a wrong expected version or a reused idempotency key refuses that
 * request alone, and requests to the same stream chain in order.
 */
export async function writeBatch(client: PreparingSqlClient, requests: AppendRequest<unknown>[], ctx: BatchContext): Promise<BatchOutcome[]> {
  const scopes = requests.flatMap((r) => (r.idempotency ? [r.idempotency.scope] : []));
  const streamIds = [...new Set(requests.flatMap((r) => [r.streamId, ...(r.preconditions ?? []).map((p) => p.streamId)]))];
  // Everything that does not depend on what the lock guards is done before it is taken.
  const ahead = ctx.projection?.newStreams;
  const prepared = prepareRequests(requests, ctx.recordedAt, ahead && ((events) => ahead.row(events.map((e) => ctx.upcast(e)))));
  const opened = await ctx.open(streamIds, scopes);
  const plan = planBatch(requests, opened, ctx.recordedAt, prepared);
  ctx.planned?.(plan);
  if (!plan.rows.length) return settle(plan, requests, []);

  const tree = ctx.tree ? treeEdge(opened, ctx.known) : null;
  const { recorded, edge } = await insertRows(client, plan.rows, plan.texts, tree, ahead ? { projection: ahead, rows: plan.newStreamRows } : null);
  if (edge) ctx.extended?.(edge);
  ctx.inserted?.(recorded);
  const rest = plan.projectedAhead.size ? recorded.filter((_, k) => !plan.projectedAhead.has(k)) : recorded;
  if (rest.length)
    await ctx.projection?.apply(
      client,
      rest.map((e) => ctx.upcast(e)),
    );
  const outcomes = settle(plan, requests, recorded);
  await rememberIdempotent(client, plan, requests, outcomes, recorded, ctx.recordedAt);
  return outcomes;
}

function treeEdge(opened: OpenedBatch, known: KnownEdge | null | undefined): TreeEdge {
  if (opened.frontier !== null) return { size: opened.treeSize, frontier: opened.frontier.map((hex) => Buffer.from(hex, 'hex')) };
  if (!known || known.size !== opened.treeSize) throw new Error(`The tree of ${opened.treeSize} leaves was confirmed as an edge this batch does not hold`);
  return { size: known.size, frontier: known.frontier };
}

/**
 * Decides, from the heads and remembered keys read under the lock, what each request writes. Rows
 * are numbered on from the tree's size in the order they are planned (and inserted): the lock is
 * held to commit, so logIndex follows commit order, and a rolled-back batch numbered nothing.
 */
export function planBatch(
  requests: AppendRequest<unknown>[],
  opened: OpenedBatch,
  recordedAt: string,
  prepared: (PreparedRequest | null)[] = prepareRequests(requests, recordedAt),
): BatchPlan {
  const outcomes: (BatchOutcome | null)[] = requests.map(() => null);
  const heads = new Map(opened.heads.map((h) => [h.streamId, { version: h.version, hash: h.hash }]));
  const remembered = new Map(opened.remembered.map((r) => [r.scope, r]));

  // Idempotency: remembered results, and repeats of a key within this very batch.
  const claimedInBatch = new Map<string, number>();
  const sameAs = new Map<number, number>();
  requests.forEach((r, i) => {
    if (!r.idempotency) return;
    const prior = remembered.get(r.idempotency.scope);
    if (prior) {
      outcomes[i] =
        prior.fingerprint === r.idempotency.fingerprint
          ? { ok: true, result: prior.result, replayed: true }
          : { ok: false, error: new IdempotencyKeyReusedError() };
      return;
    }
    const first = claimedInBatch.get(r.idempotency.scope);
    if (first === undefined) claimedInBatch.set(r.idempotency.scope, i);
    else if (requests[first].idempotency!.fingerprint === r.idempotency.fingerprint) sameAs.set(i, first);
    else outcomes[i] = { ok: false, error: new IdempotencyKeyReusedError() };
  });

  const rows: PlannedRow[] = [];
  const texts: { data: string; metadata: string }[] = [];
  const rowsOf = new Map<number, { from: number; to: number }>();
  const newStreamRows: string[] = [];
  const projectedAhead = new Set<number>();
  requests.forEach((r, i) => {
    if (outcomes[i] || sameAs.has(i)) return;
    const head = heads.get(r.streamId) ?? { version: 0, hash: null };
    if (!matches(r.expectedVersion, head.version)) {
      outcomes[i] = { ok: false, error: new WrongExpectedVersionError(r.streamId, r.expectedVersion, head.version) };
      return;
    }
    const stale = (r.preconditions ?? []).find((p) => (heads.get(p.streamId)?.version ?? 0) !== p.version);
    if (stale) {
      outcomes[i] = { ok: false, error: new WrongExpectedVersionError(stale.streamId, stale.version, heads.get(stale.streamId)?.version ?? 0) };
      return;
    }
    // Hash, store, project and return one JSON copy: what JSON.stringify would change (a Date,
    // an array hole, undefined) must not make the hash differ from what the database keeps.
    const { metadata, metadataText, data, dataTexts, newStreamHashes, newStreamRow } = prepared[i] ?? prepareRequest(r, recordedAt);
    // Hashed (and projected) before the lock on the assumption of a new stream: right exactly when it is one.
    const isNew = head.version === 0 && head.hash === null;
    const hashedAhead = isNew ? newStreamHashes : null;
    let prevHash = head.hash;
    const from = rows.length;
    r.events.forEach((event, k) => {
      const fields = {
        streamId: r.streamId,
        streamVersion: head.version + k + 1,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: data[k],
        metadata,
        recordedAt,
      };
      const hash = hashedAhead ? hashedAhead[k] : eventHash(prevHash, fields);
      rows.push({ ...fields, logIndex: opened.treeSize + rows.length, prevHash, hash });
      texts.push({ data: dataTexts[k], metadata: metadataText });
      prevHash = hash;
    });
    heads.set(r.streamId, { version: head.version + r.events.length, hash: prevHash });
    rowsOf.set(i, { from, to: rows.length });
    if (isNew && newStreamRow !== null) {
      newStreamRows.push(newStreamRow);
      for (let k = from; k < rows.length; k++) projectedAhead.add(k);
    }
  });
  return { rows, rowsOf, outcomes, sameAs, texts, newStreamRows, projectedAhead };
}

/**
 * The INSERT of a batch's events, with the Merkle tree's new nodes and the NOTIFY on the same
 * statement (one round trip). Its text is fixed — the rows travel as arrays — so it is prepared
 * once per connection: planning a statement this size each time would cost more than the tree.
 * The rows go in in array order, so positions follow log indexes.
 */
const INSERT_EVENTS = (tree: boolean, projection: NewStreamProjection | null) => `
  WITH inserted AS (
    INSERT INTO events (stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash, log_index)
    SELECT stream_id, stream_version, type, schema_version, data::jsonb, metadata::jsonb, recorded_at, prev_hash, hash, log_index
      FROM unnest($1::text[], $2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::bigint[])
        AS e(stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash, log_index)
    RETURNING position, log_index, stream_id, stream_version),${
      tree
        ? `
  nodes AS (
    INSERT INTO merkle_nodes (level, index, hash)
    SELECT level, index, decode(hash, 'hex') FROM unnest($12::smallint[], $13::bigint[], $14::text[]) AS n(level, index, hash)),`
        : ''
    }${projection ? `\n  ${projection.sql.replace(/\$rows\b/g, tree ? '$15' : '$12')},` : ''}
  notified AS (SELECT pg_notify($11, max(position)::text) FROM inserted)
  SELECT inserted.* FROM inserted, notified`;

/** The INSERT's prepared statement for a tree option and projection: named after its text, so each connection prepares each text once. */
const statements = new Map<string, { name: string; text: string }>();
function insertStatement(tree: boolean, projection: NewStreamProjection | null): { name: string; text: string } {
  const text = INSERT_EVENTS(tree, projection);
  let statement = statements.get(text);
  if (!statement) statements.set(text, (statement = { name: `events_append_insert_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`, text }));
  return statement;
}

async function insertRows(
  client: PreparingSqlClient,
  rows: PlannedRow[],
  texts: BatchPlan['texts'],
  tree: TreeEdge | null,
  ahead: { projection: NewStreamProjection; rows: string[] } | null,
): Promise<{ recorded: RecordedEvent[]; edge?: KnownEdge }> {
  const column = <T>(pick: (e: PlannedRow) => T) => rows.map(pick);
  const values: unknown[] = [
    column((e) => e.streamId),
    column((e) => e.streamVersion),
    column((e) => e.type),
    column((e) => e.schemaVersion),
    texts ? texts.map((t) => t.data) : column((e) => JSON.stringify(e.data)),
    texts ? texts.map((t) => t.metadata) : column((e) => JSON.stringify(e.metadata)),
    column((e) => e.recordedAt),
    column((e) => e.prevHash),
    column((e) => e.hash),
    column((e) => e.logIndex),
    // The NOTIFY is delivered at commit, and not at all on rollback, to wake live readers on every instance.
    APPEND_CHANNEL,
  ];
  let edge: KnownEdge | undefined;
  if (tree) {
    // The leaves of these events and every perfect subtree they complete, computed from the
    // right edge read when the batch opened.
    if (rows[0].logIndex !== tree.size) throw new Error(`Rows numbered from ${rows[0].logIndex} cannot extend a tree of ${tree.size} leaves`);
    const leaves = rows.map((e) => leafHash(Buffer.from(e.hash, 'hex')));
    const { nodes, frontier, size } = appendLeaves(tree.frontier, tree.size, leaves);
    edge = { from: tree.size, size, frontier, digest: createHash('sha256').update(Buffer.concat(leaves)).digest('hex') };
    values.push(
      nodes.map((n) => n.level),
      nodes.map((n) => n.index),
      nodes.map((n) => n.hash.toString('hex')),
    );
  }
  if (ahead) values.push(`[${ahead.rows.join(',')}]`);
  const statement = insertStatement(tree !== null, ahead?.projection ?? null);
  const { rows: inserted } = await client.query<{ position: string; log_index: string; stream_id: string; stream_version: number }>({ ...statement, values });
  return { recorded: withPositions(rows, inserted), edge };
}

/** Positions (and log indexes) are matched by (stream, version), not by trusting the order rows come back in. */
export function withPositions(
  rows: PlannedRow[],
  found: { position: string | number; log_index?: string | number; stream_id: string; stream_version: number }[],
): RecordedEvent[] {
  const byKey = new Map(found.map((r) => [`${r.stream_id}\n${r.stream_version}`, r]));
  return rows.map((e) => {
    const row = byKey.get(`${e.streamId}\n${e.streamVersion}`)!;
    const { logIndex, ...rest } = e;
    return { position: Number(row.position), logIndex: row.log_index === undefined ? logIndex : Number(row.log_index), ...rest };
  });
}

/** Every request's outcome, once its rows have positions (`recorded` in the order of plan.rows). */
export function settle(plan: BatchPlan, requests: AppendRequest<unknown>[], recorded: RecordedEvent[]): BatchOutcome[] {
  const outcomes = [...plan.outcomes];
  for (const [i, span] of plan.rowsOf) {
    const events = recorded.slice(span.from, span.to);
    const last = events[events.length - 1];
    outcomes[i] = { ok: true, result: requests[i].result({ events, position: last.position, streamVersion: last.streamVersion }), replayed: false };
  }
  for (const [i, first] of plan.sameAs) {
    const original = outcomes[first]!;
    outcomes[i] = original.ok ? { ok: true, result: original.result, replayed: true } : original;
  }
  return outcomes as BatchOutcome[];
}

/** In the same transaction as the events, so a retry with the same key finds both or neither. */
async function rememberIdempotent(
  client: SqlClient,
  plan: BatchPlan,
  requests: AppendRequest<unknown>[],
  outcomes: BatchOutcome[],
  recorded: RecordedEvent[],
  recordedAt: string,
) {
  const remember: unknown[] = [];
  for (const [i, span] of plan.rowsOf) {
    const claim = requests[i].idempotency;
    const outcome = outcomes[i];
    if (!claim || !outcome.ok) continue;
    remember.push(claim.scope, claim.fingerprint, JSON.stringify(outcome.result), recorded[span.to - 1].position, recordedAt);
  }
  if (!remember.length) return;
  const values = Array.from({ length: remember.length / 5 }, (_, k) => `($${k * 5 + 1}, $${k * 5 + 2}, $${k * 5 + 3}, $${k * 5 + 4}, $${k * 5 + 5})`);
  await client.query(`INSERT INTO idempotency_keys (scope, fingerprint, result, position, created_at) VALUES ${values.join(', ')}`, remember);
}

function matches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  return expected === 'no_stream' ? actual === 0 : actual === expected;
}

/** As before: a value without JSON text (undefined) throws here, and the request is refused alone. */
function parseJson(text: string | undefined): unknown {
  return JSON.parse(text as string);
}
