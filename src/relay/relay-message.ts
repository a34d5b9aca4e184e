import { RecordedEvent } from '../event-store/event-store.types';

/** The header JetStream de-duplicates on; the relay sets it to the event's position. */
export const MSG_ID_HEADER = 'Nats-Msg-Id';

/**
 * `<prefix>.events.<type>`. A type is one subject token: characters NATS gives a meaning to
 * (`.`, `*`, `>`, white space) become `_`, so a subscriber can filter by type with a wildcard.
 */
export function subjectFor(prefix: string, type: string): string {
  const token = type.replace(/[.*>\s]/g, '_') || '_';
  return `${prefix}.events.${token}`;
}

/** Every subject the relay publishes on: what its stream listens to. */
export function subjectsOf(prefix: string): string {
  return `${prefix}.events.>`;
}

/** The payload: the event exactly as GET /events serves it. */
export function payloadOf(event: RecordedEvent): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(event));
}

/** The position a stored message was published for (its message id), or null if it is not the relay's. */
export function positionOf(msgId: string | undefined): number | null {
  if (!msgId || !/^[1-9][0-9]*$/.test(msgId)) return null;
  const position = Number(msgId);
  return Number.isSafeInteger(position) ? position : null;
}
