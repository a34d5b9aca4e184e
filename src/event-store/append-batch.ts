import { EntityManager } from 'typeorm';
import {
  AppendRequest,
  ExpectedVersion,
  IdempotencyKeyReusedError,
  RecordedEvent,
  WrongExpectedVersionError,
} from './event-store.types';
import { eventHash } from './hash-chain';
import { InlineProjection } from './inline-projection';
import { APPEND_CHANNEL } from './live/append-notifier';

export type BatchOutcome =
  | { ok: true; result: unknown; replayed: boolean }
  | { ok: false; error: Error };

/** What the batch opens with: the lock taken, then the heads and remembered keys read. */
export interface OpenedBatch {
  heads: { streamId: string; version: number; hash: string | null }[];
  remembered: { scope: string; fingerprint: string; result: unknown }[];
}

export interface BatchContext {
  recordedAt: string;
  /** Opens the batch in the transaction (see migrations/…-CreateAppendStartFunction). */
  open(streamIds: string[], scopes: string[]): Promise<OpenedBatch>;
  projection?: InlineProjection;
  upcast(event: RecordedEvent): RecordedEvent;
}

/** pg allows 65,535 parameters a statement; 9 per event. */
const ROWS_PER_INSERT = 5000;

/**
 * Writes the appends of one batch in the caller's transaction (group commit): one opening round
 * trip (lock, stream heads, remembered idempotency keys), one INSERT carrying the NOTIFY, one
 * projection pass. Each request keeps its own outcome: a wrong expected version or a reused
 * idempotency key refuses that request alone, and requests to the same stream chain in order.
 */
export async function writeBatch(manager: EntityManager, requests: AppendRequest<unknown>[], ctx: BatchContext): Promise<BatchOutcome[]> {
  const outcomes: (BatchOutcome | null)[] = requests.map(() => null);
  const scopes = requests.flatMap((r) => (r.idempotency ? [r.idempotency.scope] : []));
  const streamIds = [...new Set(requests.flatMap((r) => [r.streamId, ...(r.preconditions ?? []).map((p) => p.streamId)]))];
  const opened = await ctx.open(streamIds, scopes);
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
        prior.fingerprint === r.idempotency.fingerprint ? { ok: true, result: prior.result, replayed: true } : { ok: false, error: new IdempotencyKeyReusedError() };
      return;
    }
    const first = claimedInBatch.get(r.idempotency.scope);
    if (first === undefined) claimedInBatch.set(r.idempotency.scope, i);
    else if (requests[first].idempotency!.fingerprint === r.idempotency.fingerprint) sameAs.set(i, first);
    else outcomes[i] = { ok: false, error: new IdempotencyKeyReusedError() };
  });

  const rows: Omit<RecordedEvent, 'position'>[] = [];
  const rowsOf = new Map<number, { from: number; to: number }>();
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
    const metadata = asJson(r.metadata);
    let prevHash = head.hash;
    const from = rows.length;
    r.events.forEach((event, k) => {
      const fields = {
        streamId: r.streamId,
        streamVersion: head.version + k + 1,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: asJson(event.data),
        metadata,
        recordedAt: ctx.recordedAt,
      };
      const hash = eventHash(prevHash, fields);
      rows.push({ ...fields, prevHash, hash });
      prevHash = hash;
    });
    heads.set(r.streamId, { version: head.version + r.events.length, hash: prevHash });
    rowsOf.set(i, { from, to: rows.length });
  });

  const recorded: RecordedEvent[] = [];
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const values = chunk.map((e) => {
      const b = params.length;
      params.push(e.streamId, e.streamVersion, e.type, e.schemaVersion, JSON.stringify(e.data), JSON.stringify(e.metadata), e.recordedAt, e.prevHash, e.hash);
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8}, $${b + 9})`;
    });
    params.push(APPEND_CHANNEL);
    // The NOTIFY rides on the INSERT (one round trip); PostgreSQL delivers it at commit, and not
    // at all on rollback, to wake live readers on every instance.
    const inserted: { position: string; stream_id: string; stream_version: number }[] = await manager.query(
      `WITH inserted AS (
         INSERT INTO events (stream_id, stream_version, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
         VALUES ${values.join(', ')} RETURNING position, stream_id, stream_version),
       notified AS (SELECT pg_notify($${params.length}, max(position)::text) FROM inserted)
       SELECT inserted.* FROM inserted, notified`,
      params,
    );
    // Positions are matched by (stream, version), not by trusting RETURNING's row order.
    const positions = new Map(inserted.map((r) => [`${r.stream_id}\n${r.stream_version}`, Number(r.position)]));
    for (const e of chunk) recorded.push({ ...e, position: positions.get(`${e.streamId}\n${e.streamVersion}`)! });
  }
  if (!recorded.length) return finish(outcomes, sameAs);

  await ctx.projection?.apply(manager, recorded.map((e) => ctx.upcast(e)));

  const remember: unknown[] = [];
  for (const [i, span] of rowsOf) {
    const events = recorded.slice(span.from, span.to);
    const last = events[events.length - 1];
    const result = requests[i].result({ events, position: last.position, streamVersion: last.streamVersion });
    outcomes[i] = { ok: true, result, replayed: false };
    const claim = requests[i].idempotency;
    if (claim) remember.push(claim.scope, claim.fingerprint, JSON.stringify(result), last.position, ctx.recordedAt);
  }
  if (remember.length) {
    const values = Array.from({ length: remember.length / 5 }, (_, k) => `($${k * 5 + 1}, $${k * 5 + 2}, $${k * 5 + 3}, $${k * 5 + 4}, $${k * 5 + 5})`);
    await manager.query(`INSERT INTO idempotency_keys (scope, fingerprint, result, position, created_at) VALUES ${values.join(', ')}`, remember);
  }
  return finish(outcomes, sameAs);
}

function finish(outcomes: (BatchOutcome | null)[], sameAs: Map<number, number>): BatchOutcome[] {
  for (const [i, first] of sameAs) {
    const original = outcomes[first]!;
    outcomes[i] = original.ok ? { ok: true, result: original.result, replayed: true } : original;
  }
  return outcomes as BatchOutcome[];
}

function matches(expected: ExpectedVersion, actual: number): boolean {
  if (expected === 'any') return true;
  return expected === 'no_stream' ? actual === 0 : actual === expected;
}

function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
