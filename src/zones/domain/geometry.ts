/**
 * Zone outlines: GeoJSON Polygon or MultiPolygon geometries (RFC 7946), WGS84 `[lon, lat]`.
 * Checked here rather than by a GeoJSON library so that every refusal names the position at fault
 * (`geometry.coordinates.0.3`), as the API's field errors do.
 */
export type Position = [number, number] | [number, number, number];
export type LinearRing = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: LinearRing[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: LinearRing[][];
}

export type ZoneGeometry = PolygonGeometry | MultiPolygonGeometry;

export const GEOMETRY_TYPES = ['Polygon', 'MultiPolygon'] as const;

export interface GeometryProblem {
  /** Path below the geometry, e.g. `coordinates.0.3` ('' for the geometry itself). */
  path: string;
  message: string;
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * What is wrong with `value` as a zone geometry, or null when nothing is. RFC 7946 §3.1.6: a ring
 * is closed (its first and last positions hold identical values) and has at least four positions;
 * positions are `[lon, lat]` (an altitude may follow) with lon in [-180, 180] and lat in [-90, 90].
 * The winding order is not checked: the RFC asks parsers not to reject rings for it.
 */
export function geometryProblem(value: unknown): GeometryProblem | null {
  if (!isObject(value)) return { path: '', message: 'must be a GeoJSON Polygon or MultiPolygon object' };
  const extra = Object.keys(value).filter((k) => !['type', 'coordinates', 'bbox'].includes(k));
  if (extra.length) return { path: extra[0], message: 'is not a member of a GeoJSON Polygon or MultiPolygon' };
  if (value.type === 'Polygon') return polygonProblem(value.coordinates, 'coordinates');
  if (value.type === 'MultiPolygon') {
    const polygons = value.coordinates;
    if (!Array.isArray(polygons) || polygons.length === 0) return { path: 'coordinates', message: 'must be a non-empty array of polygons' };
    for (let i = 0; i < polygons.length; i++) {
      const problem = polygonProblem(polygons[i], join('coordinates', i));
      if (problem) return problem;
    }
    return null;
  }
  return { path: 'type', message: 'must be Polygon or MultiPolygon' };
}

function polygonProblem(rings: unknown, path: string): GeometryProblem | null {
  if (!Array.isArray(rings) || rings.length === 0) return { path, message: 'must be a non-empty array of linear rings (the outline, then any holes)' };
  for (let i = 0; i < rings.length; i++) {
    const problem = ringProblem(rings[i], join(path, i));
    if (problem) return problem;
  }
  return null;
}

function ringProblem(ring: unknown, path: string): GeometryProblem | null {
  if (!Array.isArray(ring)) return { path, message: 'must be an array of positions' };
  if (ring.length < 4) return { path, message: 'a linear ring needs at least 4 positions, the last the same as the first (RFC 7946)' };
  for (let i = 0; i < ring.length; i++) {
    const problem = positionProblem(ring[i], join(path, i));
    if (problem) return problem;
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first.length !== last.length || first.some((v, i) => v !== last[i])) {
    return { path, message: 'a linear ring must be closed: its last position must equal its first (RFC 7946)' };
  }
  return null;
}

function positionProblem(position: unknown, path: string): GeometryProblem | null {
  if (!Array.isArray(position) || position.length < 2 || position.length > 3) return { path, message: 'a position must be [lon, lat] or [lon, lat, altitude]' };
  if (!position.every((v) => typeof v === 'number' && Number.isFinite(v))) return { path, message: 'a position holds finite numbers only' };
  const [lon, lat] = position as number[];
  if (lon < -180 || lon > 180) return { path, message: `longitude ${lon} is outside [-180, 180] (positions are [lon, lat])` };
  if (lat < -90 || lat > 90) return { path, message: `latitude ${lat} is outside [-90, 90] (positions are [lon, lat])` };
  return null;
}

/**
 * The geometry as a zone keeps it: type and coordinates only. A `bbox` sent with it is dropped,
 * not trusted: point-in-polygon libraries skip points outside a given bbox, so a wrong one would
 * silently take incidents out of the zone.
 */
export function toZoneGeometry(value: ZoneGeometry): ZoneGeometry {
  return value.type === 'Polygon' ? { type: 'Polygon', coordinates: value.coordinates } : { type: 'MultiPolygon', coordinates: value.coordinates };
}
