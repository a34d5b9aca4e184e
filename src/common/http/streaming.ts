import type { IncomingMessage, ServerResponse } from 'node:http';

/** A client that takes nothing for this long while we wait to write more is let go. */
export const STALLED_CLIENT_MS = 60_000;

/**
 * The Node response under whichever HTTP adapter Nest runs on (Express's is one; Fastify's reply
 * has it as `.raw`). By default the response is handed over: Fastify is told (`hijack()`) that the
 * route writes it itself, so it neither sends nor complains when the handler returns.
 */
export function nodeResponse(res: unknown, options: { handOver?: boolean } = {}): ServerResponse {
  const reply = res as { raw?: ServerResponse; hijack?: () => void };
  if (options.handOver !== false && typeof reply.hijack === 'function') reply.hijack();
  return (reply.raw ?? res) as ServerResponse;
}

/** The Node request under whichever HTTP adapter Nest runs on. */
export function nodeRequest(req: unknown): IncomingMessage | undefined {
  return ((req as { raw?: IncomingMessage } | undefined)?.raw ?? req) as IncomingMessage | undefined;
}

/** The path of a request, without its query string. */
export function requestPath(req: unknown): string {
  return (nodeRequest(req)?.url ?? '/').split('?')[0];
}

/**
 * Resolves once `out` can take more: at once if its buffer is below the high-water mark, else on
 * 'drain'. Rejects when the client goes away or takes nothing for `stalledMs` (the socket is then
 * destroyed), so a reader that never reads holds at most one buffer's worth of our memory.
 */
export function drained(out: ServerResponse, stalledMs = STALLED_CLIENT_MS): Promise<void> {
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      out.off('drain', onDrain);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error('the client went away'));
    const timer = setTimeout(() => {
      out.destroy();
      settle(new Error(`the client read nothing for ${stalledMs} ms`));
    }, stalledMs);
    out.on('drain', onDrain);
    out.on('close', onClose);
  });
}

/** Writes a chunk, then waits until the client has room for the next one. */
export async function writeWithBackPressure(out: ServerResponse, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('the client went away');
  out.write(chunk);
  await drained(out);
}

/**
 * Sends `chunks` as the response body with back-pressure: the next chunk is produced only once
 * the client has taken the last one. A failure half-way (the database, or the client leaving)
 * destroys the connection, so the client sees a broken response rather than a short file that
 * looks complete.
 */
export async function streamBody(out: ServerResponse, chunks: AsyncIterable<string>): Promise<void> {
  try {
    for await (const chunk of chunks) await writeWithBackPressure(out, chunk);
    out.end();
  } catch (error) {
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  }
}
