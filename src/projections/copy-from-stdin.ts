import { ClientBase, Submittable } from 'pg';

/** What pg's connection offers a query object while it runs (pg's own Query uses the same calls). */
interface CopyConnection {
  stream: { writableNeedDrain: boolean; once(event: 'drain', listener: () => void): void };
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Characters per CopyData message. */
const CHUNK_CHARS = 64 * 1024;

/**
 * `COPY … FROM STDIN` of rows already in COPY's text format, on a pg client: pg runs anything with
 * a `submit` method as a query and hands it the protocol's messages, which is all COPY needs
 * (pg-copy-streams does the same, as a stream). The rows are turned into bytes a chunk at a time,
 * each once the socket has taken the one before, so that no more than a chunk or two of bytes
 * wait on a socket that PostgreSQL drains slowly.
 */
class CopyIn {
  private settled = false;

  constructor(
    private readonly text: string,
    private readonly rows: string,
    /** Called once, when PostgreSQL has answered: pg wraps it to clear the query's read timeout. */
    public callback: (error?: Error) => void,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    this.send(connection, 0);
  }

  private send(connection: CopyConnection, from: number): void {
    let at = from;
    while (at < this.rows.length && !this.settled) {
      let end = Math.min(at + CHUNK_CHARS, this.rows.length);
      // Never split a surrogate pair between two chunks (each is encoded to UTF-8 on its own).
      if (end < this.rows.length && isHighSurrogate(this.rows.charCodeAt(end - 1))) end++;
      connection.sendCopyFromChunk(Buffer.from(this.rows.slice(at, end)));
      at = end;
      if (connection.stream.writableNeedDrain) {
        connection.stream.once('drain', () => this.send(connection, at));
        return;
      }
    }
    if (!this.settled) connection.endCopyFrom();
  }

  /** pg forgets the query on an error (no ReadyForQuery reaches it then): settle now. */
  handleError(error: Error): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle();
  }

  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  private settle(error?: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.callback(error);
  }
}

/** Runs `text` (a `COPY table (columns) FROM STDIN`) with `rows` (COPY text lines, each ending in \n). */
export function copyFromStdin(client: ClientBase, text: string, rows: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.query(new CopyIn(text, rows, (error) => (error ? reject(error) : resolve())) as unknown as Submittable);
  });
}

/** What a read-model row's columns hold. */
export type CopyValue = string | number | boolean | object | null | undefined;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const SPECIAL = /[\\\n\r\t]/g;

/**
 * One value in COPY's text format, as PostgreSQL's input function would get it from the upsert's
 * jsonb_to_recordset: objects as their JSON (jsonb columns), null/undefined as NULL, the rest as text.
 */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(SPECIAL, (c) => ESCAPES[c]);
}
