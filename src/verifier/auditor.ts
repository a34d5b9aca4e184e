import { Checkpoint, parseCheckpoint, verifyCheckpoint } from './checkpoint';
import { recomputeEventHash, ServedEvent } from './event-hash';
import { emptyRootHash, hashFromHex, leafHash, PrefixRoots, verifyConsistency } from './merkle';
import { parseSignedNote, parseVerifierKey, VerifierKey } from './signed-note';

/**
 * The auditor: keeps the last checkpoint it verified and, each time it runs, checks that the log
 * it sees now provably extends that one (as CT monitors and immudb's clients do). Everything it
 * reads comes through an injected transport and everything it keeps through an injected store,
 * so this file needs neither a network nor a disk.
 */

export interface AuditTransport {
  /** GET a path of the log's API (such as "/checkpoint") as text; rejects on failure. */
  fetchText(path: string): Promise<string>;
  /** GET a path as parsed JSON; rejects on failure. */
  fetchJson(path: string): Promise<unknown>;
}

/** What the auditor keeps between runs: the last checkpoint it verified, and the key it pinned. */
export interface AuditState {
  origin: string;
  verifierKey: string;
  treeSize: number;
  /** Hex, like the proofs. */
  rootHash: string;
  /** The signed checkpoint itself: evidence, should the log ever deny having signed it. */
  signedNote: string;
  verifiedAt: string;
}

export interface AuditStateStore {
  /** The raw state kept for this origin (parsed JSON), or undefined if there is none. */
  load(origin: string): Promise<unknown>;
  /** Replaces it; atomically, so a crash leaves the old state or the new, never half of one. */
  save(state: AuditState): Promise<void>;
}

export type AuditFailure =
  | 'unreachable'
  | 'malformed-checkpoint'
  | 'malformed-response'
  | 'bad-key'
  | 'key-mismatch'
  | 'bad-signature'
  | 'bad-state'
  | 'origin-mismatch'
  | 'shrank'
  | 'fork'
  | 'inconsistent'
  | 'entries-mismatch';

export type AuditResult =
  | {
      ok: true;
      outcome: 'first-use' | 'extended' | 'unchanged';
      origin: string;
      verifierKey: string;
      treeSize: number;
      rootHash: string;
      previousSize?: number;
      /** Whether every entry up to treeSize was fetched and reproduced the root. */
      replayed: boolean;
      message: string;
    }
  | {
      ok: false;
      failure: AuditFailure;
      message: string;
      origin?: string;
      trustedSize?: number;
      seenSize?: number;
      /** The first logIndex whose served entry is not what the trusted tree committed to. */
      firstBadLogIndex?: number;
    };

export interface AuditOptions {
  transport: AuditTransport;
  store: AuditStateStore;
  /** The log's verifier key string, given out of band; without it the first key seen is pinned. */
  key?: string;
  /** Replay every entry up to the tree size: always, never, or (default) when at most replayLimit. */
  replay?: 'always' | 'never' | 'auto';
  replayLimit?: number;
  now?: () => Date;
}

export const DEFAULT_REPLAY_LIMIT = 10_000;
const PAGE_SIZE = 1000;

class Failure extends Error {
  constructor(
    readonly failure: AuditFailure,
    message: string,
    readonly details: { firstBadLogIndex?: number } = {},
  ) {
    super(message);
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function get<T>(what: string, fetch: () => Promise<T>): Promise<T> {
  try {
    return await fetch();
  } catch (error) {
    throw new Failure('unreachable', `Could not fetch ${what}: ${messageOf(error)}`);
  }
}

/** Validates a stored state and that its signed note really is the checkpoint it claims. */
export function parseAuditState(raw: unknown): AuditState {
  const s = raw as Partial<AuditState> | null;
  if (
    !s ||
    typeof s !== 'object' ||
    typeof s.origin !== 'string' ||
    typeof s.verifierKey !== 'string' ||
    typeof s.treeSize !== 'number' ||
    typeof s.rootHash !== 'string' ||
    typeof s.signedNote !== 'string' ||
    typeof s.verifiedAt !== 'string'
  ) {
    throw new Error('it is not an audit state (origin, verifierKey, treeSize, rootHash, signedNote, verifiedAt)');
  }
  const verified = verifyCheckpoint(s.signedNote, s.verifierKey);
  if (!verified.ok) throw new Error(`its checkpoint does not verify against its own key: ${verified.message}`);
  const { checkpoint } = verified;
  if (checkpoint.origin !== s.origin || checkpoint.treeSize !== s.treeSize || checkpoint.rootHash.toString('hex') !== s.rootHash.toLowerCase()) {
    throw new Error('its origin, tree size or root hash differ from those of the checkpoint it keeps');
  }
  return { ...s, rootHash: s.rootHash.toLowerCase() } as AuditState;
}

export async function audit(options: AuditOptions): Promise<AuditResult> {
  let origin: string | undefined;
  let trusted: AuditState | undefined;
  let seenSize: number | undefined;
  try {
    const signedNote = await get('GET /checkpoint', () => options.transport.fetchText('/checkpoint'));
    let unverified: Checkpoint;
    try {
      unverified = parseCheckpoint(parseSignedNote(signedNote).text);
    } catch (error) {
      throw new Failure('malformed-checkpoint', `GET /checkpoint is not a signed checkpoint: ${messageOf(error)}`);
    }
    origin = unverified.origin;
    seenSize = unverified.treeSize;

    const raw = await options.store.load(origin).catch((error: unknown) => {
      throw new Failure('bad-state', `Cannot read the saved state for ${origin}: ${messageOf(error)}`);
    });
    if (raw !== undefined) {
      try {
        trusted = parseAuditState(raw);
      } catch (error) {
        throw new Failure('bad-state', `The saved state for ${origin} cannot be trusted: ${messageOf(error)}`);
      }
      if (trusted.origin !== origin) {
        throw new Failure(
          'origin-mismatch',
          `The saved state is for the log ${JSON.stringify(trusted.origin)}, but this log calls itself ${JSON.stringify(origin)}`,
        );
      }
    }

    const { key, keySource } = await pinnedKey(options, trusted);
    const verified = verifyCheckpoint(signedNote, key);
    if (!verified.ok) {
      const failure = verified.reason === 'malformed-checkpoint' ? 'malformed-checkpoint' : 'bad-signature';
      throw new Failure(failure, `The checkpoint's signature does not verify against the pinned key ${key.encoded} (${keySource}): ${verified.message}`);
    }
    const checkpoint = verified.checkpoint;
    const rootHex = checkpoint.rootHash.toString('hex');

    let outcome: 'first-use' | 'extended' | 'unchanged';
    if (!trusted) {
      outcome = 'first-use';
    } else if (checkpoint.treeSize < trusted.treeSize) {
      throw new Failure(
        'shrank',
        `The log shrank from ${trusted.treeSize} to ${checkpoint.treeSize} entries: a checkpoint of size ${checkpoint.treeSize} cannot extend the checkpoint of size ${trusted.treeSize} you trusted`,
      );
    } else if (checkpoint.treeSize === trusted.treeSize) {
      if (rootHex !== trusted.rootHash) {
        throw new Failure(
          'fork',
          `The log signed a different root at size ${checkpoint.treeSize} (${rootHex}) than the checkpoint you trusted (${trusted.rootHash}): its history was rewritten or forked`,
        );
      }
      outcome = 'unchanged';
    } else {
      await checkConsistency(options.transport, trusted, checkpoint);
      outcome = 'extended';
    }

    const limit = options.replayLimit ?? DEFAULT_REPLAY_LIMIT;
    const replay = options.replay ?? 'auto';
    const replayed = replay === 'always' || (replay === 'auto' && checkpoint.treeSize <= limit);
    if (replayed) await replayEntries(options.transport, checkpoint);

    const verifiedAt = (options.now ?? (() => new Date()))().toISOString();
    await options.store.save({ origin, verifierKey: key.encoded, treeSize: checkpoint.treeSize, rootHash: rootHex, signedNote, verifiedAt });

    const checkedEntries = replayed ? `; all ${checkpoint.treeSize} entries reproduce its root` : '';
    const message =
      outcome === 'first-use'
        ? `First use: trusting ${origin} at size ${checkpoint.treeSize}, signed by ${key.encoded} (${keySource})${checkedEntries}`
        : outcome === 'unchanged'
          ? `${origin} is unchanged at size ${checkpoint.treeSize}${checkedEntries}`
          : `${origin} at size ${checkpoint.treeSize} provably extends the checkpoint of size ${trusted!.treeSize} you trusted${checkedEntries}`;
    return {
      ok: true,
      outcome,
      origin,
      verifierKey: key.encoded,
      treeSize: checkpoint.treeSize,
      rootHash: rootHex,
      previousSize: trusted?.treeSize,
      replayed,
      message,
    };
  } catch (error) {
    const failure = error instanceof Failure ? error : new Failure('unreachable', messageOf(error));
    return { ok: false, failure: failure.failure, message: failure.message, origin, trustedSize: trusted?.treeSize, seenSize, ...failure.details };
  }
}

/** The key from the command line, else the one pinned in the state, else (first use) the log's own. */
async function pinnedKey(options: AuditOptions, trusted: AuditState | undefined): Promise<{ key: VerifierKey; keySource: string }> {
  const parse = (encoded: string, source: string): VerifierKey => {
    try {
      return parseVerifierKey(encoded.trim());
    } catch (error) {
      throw new Failure('bad-key', `The verifier key ${JSON.stringify(encoded)} (${source}) is unusable: ${messageOf(error)}`);
    }
  };
  if (options.key !== undefined) {
    const key = parse(options.key, 'given');
    if (trusted && trusted.verifierKey !== key.encoded) {
      throw new Failure(
        'key-mismatch',
        `The key given (${key.encoded}) is not the key pinned in the saved state (${trusted.verifierKey}); move the state aside only if the log announced a new key`,
      );
    }
    return { key, keySource: 'given' };
  }
  if (trusted) return { key: parse(trusted.verifierKey, 'saved state'), keySource: 'pinned' };
  const served = await get('GET /checkpoint/key', () => options.transport.fetchText('/checkpoint/key'));
  return { key: parse(served, 'GET /checkpoint/key'), keySource: 'trusted on first use: compare it with the key the log publishes elsewhere' };
}

async function checkConsistency(transport: AuditTransport, trusted: AuditState, checkpoint: Checkpoint): Promise<void> {
  const from = trusted.treeSize;
  const to = checkpoint.treeSize;
  const path = from === 0 ? [] : await consistencyPath(transport, from, to);
  if (!verifyConsistency(from, to, Buffer.from(trusted.rootHash, 'hex'), checkpoint.rootHash, path)) {
    throw new Failure(
      'inconsistent',
      `The checkpoint of size ${to} is not consistent with the checkpoint of size ${from} you trusted (root ${trusted.rootHash}): entries you verified have been changed, removed or reordered`,
    );
  }
}

async function consistencyPath(transport: AuditTransport, from: number, to: number): Promise<Buffer[]> {
  const url = `/proofs/consistency?from=${from}&to=${to}`;
  const body = (await get(`GET ${url}`, () => transport.fetchJson(url))) as { from?: unknown; to?: unknown; path?: unknown } | null;
  const path = Array.isArray(body?.path) ? body.path.map(hashFromHex) : undefined;
  if (!body || body.from !== from || body.to !== to || !path || path.some((h) => h === undefined)) {
    throw new Failure('malformed-response', `GET ${url} is not a consistency proof from ${from} to ${to} ({from, to, path: [hex]})`);
  }
  return path as Buffer[];
}

interface BadEntry {
  logIndex: number;
  reason: string;
}

/**
 * Fetches the entries below the checkpoint's size and checks they are what it committed to:
 * each event hashes to its `hash`, links to the previous event of its stream, and the Merkle
 * root of all the hashes is the signed root. When the root differs, binary search with
 * consistency proofs finds the first leaf that changed: a prefix whose root has a valid proof
 * to the signed root is intact, and the log cannot forge one for a changed prefix (it could only
 * withhold proofs, which makes the search blame an earlier index, never hide a rewrite).
 */
async function replayEntries(transport: AuditTransport, checkpoint: Checkpoint): Promise<void> {
  const size = checkpoint.treeSize;
  if (size === 0) {
    if (!checkpoint.rootHash.equals(emptyRootHash())) throw new Failure('entries-mismatch', 'The empty log signed a root other than the empty tree hash');
    return;
  }
  const entries = await fetchEntries(transport, size);
  const bad: BadEntry[] = [];

  // In logIndex order: each event hashes to its hash and links to the one before it in its stream.
  const heads = new Map<string, string>();
  let present = 0;
  for (; present < size && entries[present]; present++) {
    const entry = entries[present]!;
    const problem =
      entry.problem ??
      (entry.prevHash !== (heads.get(entry.streamId) ?? null) ? `its prevHash is not the hash of the previous event of stream ${entry.streamId}` : undefined);
    if (problem) {
      bad.push({ logIndex: present, reason: problem });
      break;
    }
    heads.set(entry.streamId, entry.hash);
  }
  if (present < size && !bad.length) bad.push({ logIndex: present, reason: 'the log no longer serves it' });

  // Leaves up to the first entry that is missing or unreadable; beyond it nothing can be compared.
  const readable = bad.length ? bad[0].logIndex : size;
  const leaves = entries.slice(0, readable).map((e) => leafHash(Buffer.from(e!.hash, 'hex')));
  const prefixes = new PrefixRoots(leaves);
  const intact = async (m: number): Promise<boolean> => {
    if (m === 0) return true;
    if (m === size) return prefixes.root(m).equals(checkpoint.rootHash);
    return verifyConsistency(m, size, prefixes.root(m), checkpoint.rootHash, await consistencyPath(transport, m, size));
  };
  if (!(await intact(readable))) {
    let good = 0;
    let broken = readable;
    while (broken - good > 1) {
      const mid = good + Math.floor((broken - good) / 2);
      if (await intact(mid)) good = mid;
      else broken = mid;
    }
    bad.push({ logIndex: good, reason: 'it is not the entry the signed tree holds at that index (rewritten, inserted, or shifted by a deletion)' });
  }

  if (bad.length) {
    const first = bad.reduce((a, b) => (b.logIndex < a.logIndex ? b : a));
    throw new Failure(
      'entries-mismatch',
      `Entries the log serves no longer reproduce the tree of size ${size} it signed: first bad logIndex ${first.logIndex}: ${first.reason}`,
      { firstBadLogIndex: first.logIndex },
    );
  }
}

/** What replay keeps of an event once its hash is checked: a few hundred bytes, not the event. */
interface CheckedEntry {
  streamId: string;
  hash: string;
  prevHash: string | null;
  problem?: string;
}

function checkEntry(event: ServedEvent): CheckedEntry {
  const entry: CheckedEntry = { streamId: String(event.streamId), hash: String(event.hash), prevHash: event.prevHash };
  if (!/^[0-9a-f]{64}$/.test(entry.hash) || (entry.prevHash !== null && !/^[0-9a-f]{64}$/.test(String(entry.prevHash)))) {
    return { ...entry, problem: 'its hash or prevHash is not 64 hex digits' };
  }
  try {
    const recomputed = recomputeEventHash(event);
    if (recomputed !== entry.hash) entry.problem = `its content does not hash to its recorded hash (${recomputed} ≠ ${entry.hash})`;
  } catch (error) {
    entry.problem = `its hash cannot be recomputed: ${messageOf(error)}`;
  }
  return entry;
}

/** Pages through GET /events until every logIndex below `size` is in hand (or the log runs out). */
async function fetchEntries(transport: AuditTransport, size: number): Promise<Array<CheckedEntry | undefined>> {
  const entries: Array<CheckedEntry | undefined> = new Array(size).fill(undefined);
  let found = 0;
  for (let after = 0; found < size;) {
    const url = `/events?after=${after}&limit=${PAGE_SIZE}`;
    const page = (await get(`GET ${url}`, () => transport.fetchJson(url))) as { items?: unknown; nextAfter?: unknown } | null;
    if (!page || !Array.isArray(page.items)) throw new Failure('malformed-response', `GET ${url} is not a page of events ({items, nextAfter})`);
    if (page.items.length === 0) break;
    for (const item of page.items as Array<Partial<ServedEvent> & { position?: unknown }>) {
      const index = item?.logIndex;
      if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0)
        throw new Failure('malformed-response', `GET ${url} served an event without a valid logIndex`);
      if (index >= size) continue;
      if (entries[index]) throw new Failure('entries-mismatch', `The log serves two events at logIndex ${index}`, { firstBadLogIndex: index });
      entries[index] = checkEntry(item as ServedEvent);
      found++;
    }
    const last = page.items[page.items.length - 1] as { position?: unknown };
    const next = typeof page.nextAfter === 'number' ? page.nextAfter : last?.position;
    if (typeof next !== 'number' || next <= after) throw new Failure('malformed-response', `GET ${url} does not advance (nextAfter ${String(next)})`);
    after = next;
  }
  return entries;
}
