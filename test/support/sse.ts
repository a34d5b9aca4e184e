export interface SseEvent {
  id: number;
  type: string;
  data: { position: number; streamId: string; type: string };
}

/**
 * An open connection to GET /events/live, collecting events as they come. `ended` resolves when
 * the server ends the response (or the connection breaks); `close()` ends it from this side.
 */
export interface SseConnection {
  events: SseEvent[];
  ended: Promise<void>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  if (!res.ok || !res.body) throw new Error(`live feed answered ${res.status}`);
  const events: SseEvent[] = [];
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = Object.fromEntries(
            block
              .split('\n')
              .filter((l) => l && !l.startsWith(':'))
              .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
          );
          if (fields.id) events.push({ id: Number(fields.id), type: fields.event, data: JSON.parse(fields.data) });
        }
      }
    } catch {
      // Aborted by close(), or the connection broke: either way the feed has ended.
    }
  })();
  return { events, ended, close: () => controller.abort() };
}
