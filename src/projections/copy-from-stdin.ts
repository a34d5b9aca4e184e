import { ClientBase, Submittable } from 'pg';

/** What pg's connection offers a query object while it runs (pg's own Query uses the same calls). */
interface CopyConnection {
  stream: { write(chunk: Buffer): boolean };
  query(text: string): void;
  endCopyFrom(): void;
}

/** The CopyData message's type byte ('d'). */
const COPY_DATA = 0x64;

/**
 * `COPY … FROM STDIN` of rows already in COPY's text format, on a pg client: pg runs anything with
 * a `submit` method as a query and hands it the protocol's messages, which is all COPY needs
 * (pg-copy-streams does the same, as a stream). The rows go as one CopyData message, encoded
 * straight into it: pg's own sendCopyFromChunk would copy the bytes once more.
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
    const length = Buffer.byteLength(this.rows);
    const message = Buffer.allocUnsafe(5 + length);
    message[0] = COPY_DATA;
    message.writeInt32BE(4 + length, 1);
    message.write(this.rows, 5);
    connection.stream.write(message);
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
