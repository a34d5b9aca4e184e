import net from 'node:net';

/**
 * A TCP proxy between the code under test and PostgreSQL that a test steers, to inject the
 * network faults a real deployment meets: a database that refuses connections, a firewall that
 * silently drops packets, connections lost at any moment, and — the case that matters for an
 * append-only log — a connection lost while a COMMIT is in flight. Node `net` only; loopback only.
 *
 * To find COMMIT, it reads the PostgreSQL protocol (v3) in both directions: the client's side
 * to hold back or spot the COMMIT, the server's side to know when the COMMIT has been answered.
 * Client → server bytes are forwarded whole message by whole message (so a message is never
 * half sent when a fault strikes); server → client bytes are forwarded as they come.
 */

export type CommitFaultMode = 'before' | 'after';
/** What the proxy saw of the faulted COMMIT: did the server answer that it committed? */
export interface CommitFaultOutcome {
  committed: boolean;
}

/**
 * One message of the protocol. `type` is the message's type letter ('Q', 'P', 'Z', …), or
 * 'startup' for the untyped packets that open a connection (StartupMessage, SSLRequest,
 * GSSENCRequest, CancelRequest; their code is `raw.readInt32BE(4)`), 'reply' for the single
 * byte a server answers SSLRequest/GSSENCRequest with, 'raw' for bytes passed through unread
 * (an encrypted stream, or one that is not PostgreSQL). `raw` is the whole message.
 */
export interface PgFrame {
  type: string;
  raw: Buffer;
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const MAX_STARTUP_PACKET = 10_000; // the server's own limit

/**
 * Splits one direction of a connection into whole messages, whatever the TCP chunking: a
 * message split over many chunks is kept until complete; a chunk holding several gives all.
 */
export class PgFrameReader {
  private pending: Buffer = Buffer.alloc(0);

  /** What the next bytes are; the reader moves from 'startup' and 'reply' to 'typed' by itself. */
  constructor(public expect: 'startup' | 'typed' | 'reply' | 'raw') {}

  push(chunk: Buffer): PgFrame[] {
    if (this.expect === 'raw') return [{ type: 'raw', raw: chunk }];
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const frames: PgFrame[] = [];
    for (;;) {
      if (this.expect === 'reply') {
        if (!buf.length) break;
        frames.push({ type: 'reply', raw: buf.subarray(0, 1) });
        buf = buf.subarray(1);
        this.expect = 'typed';
        continue;
      }
      const typeBytes = this.expect === 'typed' ? 1 : 0;
      if (buf.length < typeBytes + 4) break;
      const length = buf.readInt32BE(typeBytes); // counts itself, not the type byte
      if (typeBytes ? length < 4 : length < 8 || length > MAX_STARTUP_PACKET) {
        // Not PostgreSQL framing (e.g. a direct TLS handshake): stop reading, pass bytes on.
        this.expect = 'raw';
        frames.push({ type: 'raw', raw: buf });
        buf = Buffer.alloc(0);
        break;
      }
      if (buf.length < typeBytes + length) break;
      const raw = buf.subarray(0, typeBytes + length);
      buf = buf.subarray(typeBytes + length);
      if (typeBytes) {
        frames.push({ type: String.fromCharCode(raw[0]), raw });
      } else {
        frames.push({ type: 'startup', raw });
        if (raw.readInt32BE(4) >> 16 === 3) this.expect = 'typed'; // StartupMessage, protocol 3.x
      }
    }
    this.pending = buf;
    return frames;
  }
}

/**
 * Whether a string of SQL contains a COMMIT statement (COMMIT, END, COMMIT WORK/TRANSACTION,
 * AND [NO] CHAIN, COMMIT PREPARED '…'), alone or among others (`BEGIN; …; COMMIT`). Quoted
 * strings, quoted identifiers, dollar quotes and comments are blanked first so that
 * `SELECT 'x; COMMIT'` does not count. Not a full lexer: E'\'' escapes and nested comments
 * can fool it.
 */
export function containsCommit(sql: string): boolean {
  const code = sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$/g, ' ');
  return code
    .split(';')
    .some((statement) => /^\s*(?:(?:commit|end)(?:\s+(?:work|transaction))?(?:\s+and\s+(?:no\s+)?chain)?|commit\s+prepared)\s*$/i.test(statement));
}

/** A client message that asks for a COMMIT: a simple Query, or the Parse of a prepared one. */
export function isCommitMessage(frame: PgFrame): boolean {
  const body = frame.raw.subarray(5);
  if (frame.type === 'Q') return containsCommit(body.toString('utf8', 0, body.indexOf(0)));
  if (frame.type !== 'P') return false;
  const queryStart = body.indexOf(0) + 1; // after the statement name
  return containsCommit(body.toString('utf8', queryStart, body.indexOf(0, queryStart)));
}

/** A client message the server answers with exactly one ReadyForQuery ('Z'). */
function isSyncPoint(frame: PgFrame): boolean {
  return 'QSF'.includes(frame.type) || (frame.type === 'startup' && frame.raw.readInt32BE(4) >> 16 === 3);
}

interface ArmedFault {
  mode: CommitFaultMode;
  resolve(outcome: CommitFaultOutcome): void;
  reject(error: Error): void;
}

/** One client connection and its server connection. */
interface Relay {
  client: net.Socket;
  upstream?: net.Socket; // opened lazily: a connection accepted during a blackhole waits for pass()
  fromClient: PgFrameReader;
  fromServer: PgFrameReader;
  /** Client messages sent so far that each earn one ReadyForQuery, and ReadyForQuerys seen. */
  syncPoints: number;
  readyForQuery: number;
  /** Set once an 'after' fault took this connection: the server's replies are swallowed from then on. */
  after?: { fault: ArmedFault; answeredAt?: number; commitTag: boolean; error: boolean };
  /** One side closed during a blackhole: the other side learns of it only when traffic passes again. */
  closeOnPass: boolean;
}

export class TcpProxy {
  private mode: 'pass' | 'refuse' | 'blackhole' = 'pass';
  private readonly relays = new Set<Relay>();
  private fault?: ArmedFault;

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  /** Listens on 127.0.0.1 on a free port, forwarding to `target`. */
  static async start(options: { target: { host: string; port: number } }): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    const proxy = new TcpProxy(server, options.target, (server.address() as net.AddressInfo).port);
    server.on('connection', (socket) => proxy.accept(socket));
    return proxy;
  }

  /** The same postgres:// URL, pointing at the proxy. */
  url(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }

  /** Open client connections (a connection held in a blackhole counts until its client closes). */
  get connections(): number {
    return [...this.relays].filter((relay) => !relay.client.destroyed).length;
  }

  /** Normal forwarding; what a blackhole held back is delivered now, as TCP retransmission would. */
  pass(): void {
    this.mode = 'pass';
    for (const relay of [...this.relays]) {
      if (relay.closeOnPass) {
        this.cut(relay);
        continue;
      }
      if (!relay.upstream) this.connectUpstream(relay);
      relay.upstream!.resume();
      relay.client.resume();
    }
  }

  /** Like a database that is down: new connections are reset at once, open ones are cut. */
  refuse(): void {
    this.mode = 'refuse';
    this.cutAll();
  }

  /**
   * Like a firewall dropping packets: connections, old and new, stay open, but no byte moves
   * either way (the sockets are paused, so bytes wait in buffers) and no close is passed on.
   * A client waits until its own timeouts fire.
   */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const relay of this.relays) {
      relay.client.pause();
      relay.upstream?.pause();
    }
  }

  /** Closes every current connection on both sides; new ones are accepted as the mode says. */
  cutAll(): void {
    for (const relay of [...this.relays]) this.cut(relay);
  }

  /**
   * The next COMMIT any client sends triggers the fault:
   * - 'before': the connection is cut before the COMMIT reaches the server (which rolls back);
   * - 'after': the COMMIT goes through; the server's answer is swallowed, and once it is in
   *   full (its ReadyForQuery) both sides are cut, so the server committed before it saw the
   *   client go, but the client cannot know.
   * Resolves when the fault has fired, with whether the server answered COMMIT (for 'after');
   * rejects if the connection closes before the server answered, or the proxy closes first.
   */
  armCommitFault(mode: CommitFaultMode): Promise<CommitFaultOutcome> {
    if (this.fault) throw new Error('A COMMIT fault is already armed');
    const fired = new Promise<CommitFaultOutcome>((resolve, reject) => (this.fault = { mode, resolve, reject }));
    fired.catch(() => undefined); // a test that never awaits it must not fail on an unhandled rejection
    return fired;
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    this.mode = 'refuse';
    this.cutAll();
    this.fault?.reject(new Error('The proxy closed before any COMMIT was seen'));
    this.fault = undefined;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    client.on('error', () => undefined); // resets are what this class is for; 'close' follows
    if (this.mode === 'refuse') return void client.resetAndDestroy();
    client.setNoDelay(true);
    const relay: Relay = {
      client,
      fromClient: new PgFrameReader('startup'),
      fromServer: new PgFrameReader('typed'),
      syncPoints: 0,
      readyForQuery: 0,
      closeOnPass: false,
    };
    this.relays.add(relay);
    client.on('data', (chunk: Buffer) => this.clientSent(relay, chunk));
    client.on('close', () => this.closed(relay, 'client'));
    if (this.mode === 'blackhole') client.pause();
    else this.connectUpstream(relay);
  }

  private connectUpstream(relay: Relay): void {
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.setNoDelay(true);
    upstream.on('error', () => undefined);
    upstream.on('data', (chunk: Buffer) => this.serverSent(relay, chunk));
    upstream.on('close', () => this.closed(relay, 'server'));
    relay.upstream = upstream;
  }

  private clientSent(relay: Relay, chunk: Buffer): void {
    for (const frame of relay.fromClient.push(chunk)) {
      // After an 'after' COMMIT has gone out, nothing more from this client reaches the server.
      if (relay.after?.answeredAt !== undefined) return;
      const fault = this.fault;
      if (fault && isCommitMessage(frame)) {
        this.fault = undefined;
        if (fault.mode === 'before') {
          this.cut(relay);
          return fault.resolve({ committed: false });
        }
        relay.after = { fault, commitTag: false, error: false };
      }
      relay.upstream!.write(frame.raw); // large writes are buffered by Node: no backpressure here
      if (isSyncPoint(frame)) {
        relay.syncPoints++;
        // The COMMIT is answered by the ReadyForQuery of this message (a Query) or of the Sync
        // that follows its Parse (extended protocol).
        if (relay.after && relay.after.answeredAt === undefined) relay.after.answeredAt = relay.syncPoints;
      }
      const code = frame.type === 'startup' ? frame.raw.readInt32BE(4) : 0;
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) relay.fromServer.expect = 'reply';
    }
  }

  private serverSent(relay: Relay, chunk: Buffer): void {
    const after = relay.after;
    for (const frame of relay.fromServer.push(chunk)) {
      if (frame.type === 'Z') relay.readyForQuery++;
      if (frame.type === 'reply' && 'SG'.includes(String.fromCharCode(frame.raw[0]))) {
        relay.fromClient.expect = relay.fromServer.expect = 'raw'; // encrypted from here: unreadable
      }
      if (after && frame.type === 'C') after.commitTag ||= frame.raw.toString('utf8', 5, frame.raw.length - 1) === 'COMMIT';
      if (after && frame.type === 'E') after.error = true;
    }
    if (!after) return void relay.client.write(chunk);
    if (after.answeredAt !== undefined && relay.readyForQuery >= after.answeredAt) {
      after.fault.resolve({ committed: after.commitTag && !after.error });
      this.cut(relay);
    }
  }

  private closed(relay: Relay, side: 'client' | 'server'): void {
    if (!this.relays.has(relay)) return;
    if (this.mode === 'blackhole') {
      relay.closeOnPass = true;
      return;
    }
    // A client that leaves while its faulted COMMIT is in flight must not abort it: the
    // server's answer, or its close, ends the relay.
    if (side === 'client' && relay.after && relay.upstream && !relay.upstream.destroyed) return;
    this.cut(relay);
  }

  private cut(relay: Relay): void {
    this.relays.delete(relay);
    relay.client.destroy();
    relay.upstream?.destroy();
    // No-op if the fault already fired.
    relay.after?.fault.reject(new Error('The connection closed before the server answered the COMMIT'));
  }
}
