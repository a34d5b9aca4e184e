import { ClientBase, Submittable } from 'pg';

/** What pg's connection offers a query object while it runs (pg's own Query uses the same calls). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Bytes per CopyData message: pg copies each message into one buffer, which then stays that large. */
const CHUNK_BYTES = 64 * 1024;

/**
 * `COPY … FROM STDIN` of rows already in COPY's text format, on a pg client: pg runs anything with
 * a `submit` method as a query and hands it the protocol's messages, which is all COPY needs
 * (pg-copy-streams does the same, as a stream; one payload at a time is enough here).
 */
class CopyIn {
  private settled = false;

  constructor(
    private readonly text: string,
    private readonly payload: Buffer,
    private readonly done: (error?: Error) => void,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    for (let at = 0; at < this.payload.length; at += CHUNK_BYTES) connection.sendCopyFromChunk(this.payload.subarray(at, at + CHUNK_BYTES));
    connection.endCopyFrom();
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
    this.done(error);
  }
}

/** Runs `text` (a `COPY table (columns) FROM STDIN`) with `rows` (COPY text lines, each ending in \n). */
export function copyFromStdin(client: ClientBase, text: string, rows: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.query(new CopyIn(text, Buffer.from(rows), (error) => (error ? reject(error) : resolve())) as unknown as Submittable);
  });
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const SPECIAL = /[\\\n\r\t]/g;

/**
 * One value in COPY's text format, as PostgreSQL's input function would get it from the upsert's
 * jsonb_to_recordset: objects as their JSON (jsonb columns), null/undefined as NULL, the rest as text.
 */
export function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(SPECIAL, (c) => ESCAPES[c]);
}
