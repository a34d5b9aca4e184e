/**
 * Turns the stored data of an old schema version of an event type into the next version.
 * Chains run on read, so the log keeps what was written (and its hashes stay valid).
 */
export interface Upcaster {
  type: string;
  fromSchemaVersion: number;
  upcast(data: any): any;
}

export const UPCASTERS = Symbol('UPCASTERS');

export function upcastEvent<E extends { type: string; schemaVersion: number; data: unknown }>(upcasters: readonly Upcaster[], event: E): E {
  let current = event;
  for (;;) {
    const step = upcasters.find((u) => u.type === current.type && u.fromSchemaVersion === current.schemaVersion);
    if (!step) return current;
    current = { ...current, schemaVersion: current.schemaVersion + 1, data: step.upcast(current.data) };
  }
}
