import { DomainError } from '../../common/domain/domain-error';
import { DomainEvent, Recorded } from '../../common/domain/domain-event';
import { ZoneGeometry } from './geometry';

// ---- events (in the truce stream): type strings are stable; never rename one ----

export const ZONE_KINDS = ['disengagement_zone', 'buffer_zone', 'area_of_responsibility', 'city', 'region', 'other'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** A zone's id: a slug, lowercase letters and digits in words joined by single hyphens (`lachin-corridor`). */
export const ZONE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const ZONE_ID_MAX = 64;
export const isZoneId = (value: unknown): value is string => typeof value === 'string' && value.length <= ZONE_ID_MAX && ZONE_ID_PATTERN.test(value);

export interface ZoneDefinition {
  zoneId: string;
  name: string;
  kind: ZoneKind;
  geometry: ZoneGeometry;
  /** True when the truce's terms cover the zone. */
  appliesToTruce: boolean;
}

export type ZoneDefined = DomainEvent<'ZoneDefined', ZoneDefinition>;
export type ZoneRetired = DomainEvent<'ZoneRetired', { zoneId: string; reason: string }>;
export type ZoneEvent = ZoneDefined | ZoneRetired;

export const ZONE_EVENT_TYPES: readonly string[] = ['ZoneDefined', 'ZoneRetired'];
export const isZoneEvent = (event: { type: string }): event is ZoneEvent => ZONE_EVENT_TYPES.includes(event.type);

/**
 * Zones live in their truce's stream (DOMAIN.md). The truce slice folds them into its state
 * (evolveTruce calls evolveZones), so this slice names the stream itself rather than importing
 * the truce slice: the dependency runs one way, truces → zones.
 */
export const zoneStreamId = (truceId: string): string => `truce-${truceId}`;

// ---- commands ----

export type ZoneCommand = { type: 'DefineZone'; truceId: string; data: ZoneDefinition } | { type: 'RetireZone'; truceId: string; data: ZoneRetired['data'] };

// ---- state: the zones of one truce, in the order defined ----

export interface ZoneRecord extends ZoneDefinition {
  /** When the zone was defined: the ZoneDefined event's recorded-at (the API's `definedAt`). */
  definedAt: string;
  recordedAt: string;
  /** When the zone was retired (recorded-at of ZoneRetired); null while it is in force. */
  retiredAt: string | null;
  retiredReason: string | null;
}

/** evolve(zones, event) → zones: pure, never reads a clock. */
export function evolveZones(zones: readonly ZoneRecord[], event: Recorded<ZoneEvent>): ZoneRecord[] {
  if (event.type === 'ZoneDefined') {
    const { zoneId, name, kind, geometry, appliesToTruce } = event.data;
    return [
      ...zones,
      {
        zoneId,
        name,
        kind,
        geometry,
        appliesToTruce: appliesToTruce === true,
        definedAt: event.recordedAt,
        recordedAt: event.recordedAt,
        retiredAt: null,
        retiredReason: null,
      },
    ];
  }
  const { zoneId, reason } = event.data;
  return zones.map((z) => (z.zoneId === zoneId && z.retiredAt === null ? { ...z, retiredAt: event.recordedAt, retiredReason: reason } : z));
}

/** What a decision on zones reads: whether the truce is recorded, and its zones. */
export interface ZoneDecisionState {
  truceRecorded: boolean;
  zones: readonly ZoneRecord[];
}

/** The truce stream's zone events folded, and whether it holds a truce at all. */
export function foldZoneDecisionState(stream: readonly { type: string }[]): ZoneDecisionState {
  let zones: ZoneRecord[] = [];
  for (const event of stream) if (isZoneEvent(event)) zones = evolveZones(zones, event as Recorded<ZoneEvent>);
  return { truceRecorded: stream.some((e) => e.type === 'TruceAgreed'), zones };
}

// ---- decide ----

export function decideZone(command: ZoneCommand, state: ZoneDecisionState): ZoneEvent[] {
  if (!state.truceRecorded) throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${command.truceId} is recorded.`);
  const existing = state.zones.find((z) => z.zoneId === command.data.zoneId);
  if (command.type === 'DefineZone') {
    if (!isZoneId(command.data.zoneId)) throw DomainError.rejected('ZONE.BAD_ID', `zoneId must be a slug such as lachin-corridor.`);
    // A zone is never edited (DOMAIN.md): not even a retired one's id is given to another outline.
    if (existing) {
      throw DomainError.conflict(
        'ZONE.ALREADY_DEFINED',
        `Zone ${existing.zoneId} is already defined on this truce${existing.retiredAt ? ' (retired)' : ''}; retire it and define another id.`,
      );
    }
    return [{ type: 'ZoneDefined', schemaVersion: 1, data: command.data }];
  }
  if (!existing) throw DomainError.notFound('ZONE.NOT_FOUND', `No zone ${command.data.zoneId} is defined on truce ${command.truceId}.`);
  if (existing.retiredAt) throw DomainError.rejected('ZONE.RETIRED', `Zone ${existing.zoneId} was already retired at ${existing.retiredAt}.`);
  return [{ type: 'ZoneRetired', schemaVersion: 1, data: command.data }];
}

// ---- reads: the two clocks ----

/**
 * The zones as the log knew them at record time `k`: those defined by then, with a retirement
 * recorded after `k` not yet known. Instants are ISO strings of one format, so they compare as strings.
 */
export function zonesAsOf(zones: readonly ZoneRecord[], k: string): ZoneRecord[] {
  return zones.filter((z) => z.recordedAt <= k).map((z) => (z.retiredAt !== null && z.retiredAt > k ? { ...z, retiredAt: null, retiredReason: null } : z));
}

/** The zones in force at record time `k` (default: every zone not retired): a zone retired at K is gone as of K. */
export function zonesInForce(zones: readonly ZoneRecord[], k?: string): ZoneRecord[] {
  return (k === undefined ? zones : zonesAsOf(zones, k)).filter((z) => z.retiredAt === null);
}

/** The recorded-at of every zone event folded into `zones` (for a truce state's version and updatedAt as of K). */
export function zoneEventTimes(zones: readonly ZoneRecord[]): string[] {
  return zones.flatMap((z) => (z.retiredAt === null ? [z.recordedAt] : [z.recordedAt, z.retiredAt]));
}
