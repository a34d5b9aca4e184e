import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { ZoneGeometry } from './geometry';

export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * The ids of the zones whose geometry contains `point`, in the order given. A point on a zone's
 * edge (its outline, or a hole's) counts as inside: monitors draw lines along roads and rivers,
 * and a shelling "at the checkpoint on the line" belongs to the zone the line bounds. A point in
 * a hole is outside. Pass only the zones in force (zonesInForce) for the read's `asOf`.
 */
export function zonesContaining(point: LatLon, zones: readonly { zoneId: string; geometry: ZoneGeometry }[]): string[] {
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.lon)) return [];
  const at: [number, number] = [point.lon, point.lat];
  return zones.filter((z) => booleanPointInPolygon(at, z.geometry, { ignoreBoundary: false })).map((z) => z.zoneId);
}

/** The zones of a place, or none when it has no coordinates. */
export function zonesOfPlace(place: { lat?: number; lon?: number }, zones: readonly { zoneId: string; geometry: ZoneGeometry }[]): string[] {
  return place.lat === undefined || place.lon === undefined ? [] : zonesContaining({ lat: place.lat, lon: place.lon }, zones);
}
