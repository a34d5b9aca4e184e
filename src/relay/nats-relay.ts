import { connect, JetStreamClient, JetStreamManager, NatsError, PubAck, RetentionPolicy, StorageType } from 'nats';
import { RecordedEvent } from '../event-store/event-store.types';
import { sleep } from '../common/concurrency/abortable-sleep';
import { MSG_ID_HEADER, payloadOf, positionOf, subjectFor, subjectsOf } from './relay-message';

/** Where the relay reads the log: in position order, gap-free (appends commit in position order, ADR 0001). */
export interface LogSource {
  /** Events after `after`, in position order, at most `limit`, as stored (what GET /events serves). */
  read(after: number, limit: number): Promise<RecordedEvent[]>;
  /** Resolves when something after `after` may have committed, after `timeoutMs` at the latest, or on abort. */
  waitForCommit(after: number, timeoutMs: number, signal: AbortSignal): Promise<unknown>;
}

export interface RelayLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface NatsRelayOptions {
  /** nats:// URLs. */
  servers: string[];
  stream: string;
  subjectPrefix: string;
  /** Events read and published at once (all in flight together). */
  batchSize?: number;
  /** Longest sleep between looks at the log when no commit is announced: the fallback poll. */
  pollMs?: number;
  /** Longest wait for the broker to acknowledge a message (or answer any request). */
  ackTimeoutMs?: number;
  /** Longest back-off between attempts while the broker (or the database) cannot be reached. */
  maxBackoffMs?: number;
  logger?: RelayLogger;
}

/** JetStream's code for "stream not found". */
const STREAM_NOT_FOUND = 10059;

/** Where the stream ends: the position of its last message and that message's sequence. */
interface Cursor {
  position: number;
  seq: number;
}

/**
 * Publishes the log to a JetStream stream, one message per event, in position order, each
 * exactly once, resuming where the stream ends after any crash.
 *
 * The broker is the truth: the cursor is read back from the stream (its last message's id is
 * the position it carries), so nothing is kept on this side that a crash could leave stale.
 * Each message carries two guards the server checks:
 * - `Nats-Expected-Last-Sequence`: a message is stored only right after its predecessor, so
 *   with a whole batch in flight, what lands is always a prefix of it: a lost or refused
 *   message stops everything behind it (they are refused too) and none is ever skipped; and a
 *   second publisher (a split brain, an operator's tool) makes the relay re-read the cursor
 *   rather than interleave;
 * - `Nats-Msg-Id` = position: within the stream's duplicate window, the broker drops a second
 *   copy of an event however it was sent.
 * Any failure ends the session: the connection is closed, and the next one starts from the
 * cursor the broker reports, after a back-off.
 */
export class NatsRelay {
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly ackTimeoutMs: number;
  private readonly maxBackoffMs: number;
  private readonly logger: RelayLogger;

  constructor(
    private readonly source: LogSource,
    private readonly options: NatsRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 256;
    this.pollMs = options.pollMs ?? 1000;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5000;
    this.maxBackoffMs = options.maxBackoffMs ?? 5000;
    this.logger = options.logger ?? { log: () => undefined, warn: () => undefined };
  }

  /** Runs until `signal` aborts, through any number of broker or database outages. */
  async run(signal: AbortSignal): Promise<void> {
    let backoff = 100;
    while (!signal.aborted) {
      try {
        await this.session(signal, () => (backoff = 100));
      } catch (error) {
        if (signal.aborted) break;
        this.logger.warn(`NATS relay: ${error instanceof Error ? error.message : String(error)}; retrying in ${backoff} ms`);
        await sleep(backoff, signal);
        backoff = Math.min(backoff * 2, this.maxBackoffMs);
      }
    }
  }

  /** One connection: from the broker's cursor on, until an error or `signal`. */
  private async session(signal: AbortSignal, healthy: () => void): Promise<void> {
    // No reconnection inside the client: on any loss the session ends and starts again from
    // the broker's cursor, the one way back that needs no bookkeeping here.
    const nc = await connect({
      servers: this.options.servers,
      name: `ceasefire-relay:${this.options.stream}`,
      reconnect: false,
      timeout: this.ackTimeoutMs,
    });
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    // Aborted while connecting: the listener came too late to hear it, and without this the
    // session would go on publishing (and the relay never stop) for as long as the connection lives.
    if (signal.aborted) stop.abort();
    void nc.closed().then(() => stop.abort());
    try {
      const jsm = await nc.jetstreamManager({ timeout: this.ackTimeoutMs });
      await this.ensureStream(jsm);
      let cursor = await this.cursor(jsm);
      this.logger.log(`NATS relay: publishing to stream ${this.options.stream} after position ${cursor.position}`);
      const js = nc.jetstream({ timeout: this.ackTimeoutMs });
      while (!stop.signal.aborted) {
        const events = await this.source.read(cursor.position, this.batchSize);
        if (!events.length) {
          healthy();
          await this.source.waitForCommit(cursor.position, this.pollMs, stop.signal);
          continue;
        }
        cursor = await this.publish(js, events, cursor);
        // Only a session that got somewhere resets the back-off: one refused at every first
        // publish (another publisher on the stream) must not retry ten times a second.
        healthy();
      }
      if (!signal.aborted) throw new Error('connection to NATS closed');
    } finally {
      signal.removeEventListener('abort', onAbort);
      stop.abort();
      if (!nc.isClosed()) await nc.close().catch(() => undefined);
    }
  }

  /** The whole batch in flight at once; each message stored only right after its predecessor. */
  private async publish(js: JetStreamClient, events: RecordedEvent[], cursor: Cursor): Promise<Cursor> {
    const acks = await Promise.allSettled(
      events.map((event, i) =>
        js.publish(subjectFor(this.options.subjectPrefix, event.type), payloadOf(event), {
          msgID: String(event.position),
          expect: { lastSequence: cursor.seq + i, streamName: this.options.stream },
        }),
      ),
    );
    let last = cursor;
    for (const [i, ack] of acks.entries()) {
      if (ack.status === 'rejected') throw new Error(`publishing position ${events[i].position} failed: ${describe(ack.reason)}`);
      if (!storedInTurn(ack.value, last.seq)) {
        // Stored elsewhere than right after its predecessor: a duplicate of an earlier copy.
        throw new Error(`position ${events[i].position} was already in the stream (seq ${ack.value.seq}); re-reading the cursor`);
      }
      last = { position: events[i].position, seq: ack.value.seq };
    }
    return last;
  }

  private async ensureStream(jsm: JetStreamManager): Promise<void> {
    const subjects = subjectsOf(this.options.subjectPrefix);
    try {
      const info = await jsm.streams.info(this.options.stream);
      if (!info.config.subjects?.includes(subjects)) {
        throw new Error(`stream ${this.options.stream} exists but does not listen on ${subjects}`);
      }
    } catch (error) {
      if (!(error instanceof NatsError) || error.api_error?.err_code !== STREAM_NOT_FOUND) throw error;
      await jsm.streams.add({ name: this.options.stream, subjects: [subjects], storage: StorageType.File, retention: RetentionPolicy.Limits });
      this.logger.log(`NATS relay: created stream ${this.options.stream} on ${subjects}`);
    }
  }

  /** The stream's last message says how far the log was published. */
  private async cursor(jsm: JetStreamManager): Promise<Cursor> {
    const { state } = await jsm.streams.info(this.options.stream);
    // Empty (new, or purged by an operator): the whole log again.
    if (state.messages === 0) return { position: 0, seq: state.last_seq };
    const last = await jsm.streams.getMessage(this.options.stream, { seq: state.last_seq });
    const position = positionOf(last.header?.get(MSG_ID_HEADER));
    if (position === null) throw new Error(`the last message of stream ${this.options.stream} (seq ${last.seq}) was not published by the relay`);
    return { position, seq: last.seq };
  }
}

function storedInTurn(ack: PubAck, previousSeq: number): boolean {
  return !ack.duplicate && ack.seq === previousSeq + 1;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
