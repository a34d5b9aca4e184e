import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import { AuditState, AuditStateStore, AuditTransport } from '../auditor';
import { formatCheckpoint } from '../checkpoint';
import { eventHash, ServedEvent } from '../event-hash';
import { leafHash, rootHashOfLeafHashes } from '../merkle';
import { ed25519KeyHash, formatSignatureLine, formatSignedNote, makeVerifierKey, rawEd25519PublicKey } from '../signed-note';
import { PROOF } from './rfc9162-reference';

type StoredEvent = ServedEvent & { position: number };

/**
 * A log as the auditor sees it over HTTP, in memory: the rows GET /events serves, and apart from
 * them the leaves its Merkle tree committed to (the subtree table), so tests can tamper with one
 * and not the other, as a database superuser could.
 */
export class FakeLog {
  readonly events: StoredEvent[] = [];
  /** The leaves as committed when appended (hex event hashes in logIndex order). */
  committed: string[] = [];
  /** The tree size GET /checkpoint reports; undefined for the whole log. */
  checkpointSize?: number;
  /** Paths fetched, in order. */
  readonly requests: string[] = [];
  private key: { privateKey: KeyObject; name: string; verifierKey: string };
  private readonly streamHeads = new Map<string, { version: number; hash: string }>();
  private nextPosition = 1;

  constructor(readonly origin = 'ceasefire.example/log') {
    this.key = FakeLog.newKey(origin);
  }

  static newKey(name: string): { privateKey: KeyObject; name: string; verifierKey: string } {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    return { privateKey, name, verifierKey: makeVerifierKey(name, publicKey) };
  }

  get verifierKey(): string {
    return this.key.verifierKey;
  }

  /** Signs from now on with another key (of the same name, unless given). */
  rotateKey(name = this.origin): void {
    this.key = FakeLog.newKey(name);
  }

  /** Appends n events over a few streams, hash-chained as the event store does. */
  append(n: number): this {
    for (let i = 0; i < n; i++) {
      const logIndex = this.events.length;
      const streamId = `truce-${logIndex % 3}`;
      const head = this.streamHeads.get(streamId);
      const fields = {
        streamId,
        streamVersion: (head?.version ?? 0) + 1,
        type: 'BreachReported',
        schemaVersion: 1,
        data: { casualties: logIndex, place: `village ${logIndex}` },
        metadata: { actor: 'key-1', correlationId: `c-${logIndex}`, causationId: null },
        recordedAt: new Date(Date.UTC(2020, 9, 10, 8, 0, logIndex)).toISOString(),
      };
      const prevHash = head?.hash ?? null;
      const hash = eventHash(prevHash, fields);
      this.events.push({ ...fields, prevHash, hash, logIndex, position: this.nextPosition });
      this.nextPosition += 1 + (logIndex % 2); // positions have gaps; logIndex has none
      this.streamHeads.set(streamId, { version: fields.streamVersion, hash });
      this.committed.push(hash);
    }
    return this;
  }

  /**
   * Rewrites an event's data as a superuser would: in place, recomputing its stream's chain from
   * there on (so every row still checks out), optionally the Merkle tree too.
   */
  rewrite(logIndex: number, data: unknown, options: { rechain?: boolean; recommitTree?: boolean } = {}): void {
    const { rechain = true, recommitTree = false } = options;
    this.events[logIndex] = { ...this.events[logIndex], data };
    if (rechain) this.rechain(this.events[logIndex].streamId);
    if (recommitTree) this.committed = this.events.map((e) => e.hash);
  }

  /** Deletes an event and renumbers the logIndex of those after it, relinking its stream. */
  remove(logIndex: number, options: { recommitTree?: boolean } = {}): void {
    const [removed] = this.events.splice(logIndex, 1);
    this.events.forEach((e, i) => (e.logIndex = i));
    const stream = this.events.filter((e) => e.streamId === removed.streamId);
    stream.forEach((e, i) => (e.streamVersion = i + 1));
    this.rechain(removed.streamId);
    if (options.recommitTree) this.committed = this.events.map((e) => e.hash);
  }

  private rechain(streamId: string): void {
    let prev: string | null = null;
    for (const e of this.events.filter((x) => x.streamId === streamId)) {
      e.prevHash = prev;
      e.hash = eventHash(prev, e);
      prev = e.hash;
    }
  }

  /** The signed checkpoint of the committed tree at `size`. */
  signedCheckpoint(size = this.checkpointSize ?? this.committed.length): string {
    const root = rootHashOfLeafHashes(this.committed.slice(0, size).map((h) => leafHash(Buffer.from(h, 'hex'))));
    const body = formatCheckpoint({ origin: this.origin, treeSize: size, rootHash: root });
    const publicKey = rawEd25519PublicKey(this.key.privateKey);
    const line = formatSignatureLine(this.key.name, ed25519KeyHash(this.key.name, publicKey), sign(null, Buffer.from(body), this.key.privateKey));
    return formatSignedNote(body, [line]);
  }

  /** The HTTP API, as the auditor's transport. Unknown paths and bad sizes reject, like a 4xx. */
  readonly transport: AuditTransport = {
    fetchText: async (path) => {
      this.requests.push(path);
      if (path === '/checkpoint') return this.signedCheckpoint();
      if (path === '/checkpoint/key') return `${this.verifierKey}\n`;
      throw new Error(`404 ${path}`);
    },
    fetchJson: async (path) => {
      this.requests.push(path);
      const url = new URL(path, 'http://log.invalid');
      const number = (name: string) => Number(url.searchParams.get(name));
      if (url.pathname === '/proofs/consistency') {
        const [from, to] = [number('from'), number('to')];
        if (!(0 <= from && from <= to && to <= this.committed.length)) throw new Error(`400 ${path}`);
        const leaves = this.committed.slice(0, to).map((h) => Buffer.from(h, 'hex'));
        const path_ = 0 < from && from < to ? PROOF(from, leaves) : [];
        return { from, to, path: path_.map((h) => h.toString('hex')) };
      }
      if (url.pathname === '/events') {
        const after = number('after');
        const limit = number('limit');
        const items = this.events.filter((e) => e.position > after).slice(0, limit);
        return JSON.parse(JSON.stringify({ items, nextAfter: items.length ? items[items.length - 1].position : after }));
      }
      throw new Error(`404 ${path}`);
    },
  };
}

/** The auditor's state store in memory, keeping what it saved as JSON (as a file would). */
export class MemoryStateStore implements AuditStateStore {
  saved: string | undefined;

  async load(): Promise<unknown> {
    return this.saved === undefined ? undefined : JSON.parse(this.saved);
  }

  async save(state: AuditState): Promise<void> {
    this.saved = JSON.stringify(state);
  }

  get state(): AuditState | undefined {
    return this.saved === undefined ? undefined : (JSON.parse(this.saved) as AuditState);
  }
}
