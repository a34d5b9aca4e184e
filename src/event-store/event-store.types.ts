/** What a caller hands the store: the store adds position, version, time and hash. */
export interface NewEvent {
  type: string;
  schemaVersion: number;
  data: Record<string, unknown> | object;
}

export interface EventMetadata {
  actor: string;
  correlationId: string;
  causationId: string | null;
  [key: string]: unknown;
}

export interface RecordedEvent<TData = any> {
  position: number;
  /** 0, 1, 2, … in commit order with no gaps: the event's leaf in the log's Merkle tree (ADR 0004). */
  logIndex: number;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: TData;
  metadata: EventMetadata;
  recordedAt: string;
  hash: string;
  prevHash: string | null;
}

/**
 * `no_stream`: the stream must not exist yet; a number: the stream must be at exactly that
 * version (0 = empty); `any`: append at whatever version it is.
 */
export type ExpectedVersion = number | 'no_stream' | 'any';

export interface IdempotencyClaim {
  /** API key, method, path and the client's Idempotency-Key, joined. */
  scope: string;
  /** Hash of the request body: the same key with another body is refused. */
  fingerprint: string;
}

export interface AppendRequest<R> {
  streamId: string;
  expectedVersion: ExpectedVersion;
  events: NewEvent[];
  metadata: EventMetadata;
  idempotency?: IdempotencyClaim;
  /**
   * Other streams the decision was taken on, at the versions it saw: the append is refused
   * (WrongExpectedVersionError naming that stream) if one of them has moved on meanwhile.
   */
  preconditions?: StreamVersion[];
  /** The response to remember under the idempotency key, built from what was appended. */
  result: (appended: AppendedEvents) => R;
}

export interface StreamVersion {
  streamId: string;
  version: number;
}

export interface AppendedEvents {
  events: RecordedEvent[];
  /** Global position of the last event written. */
  position: number;
  streamVersion: number;
}

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, not ${expected === 'no_stream' ? 'absent' : expected}.`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('This Idempotency-Key was already used with a different request body.');
    this.name = 'IdempotencyKeyReusedError';
  }
}
