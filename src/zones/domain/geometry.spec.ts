import { geometryProblem, toZoneGeometry } from './geometry';

const ring = (...points: number[][]) => points;
const SQUARE = ring([46, 39], [47, 39], [47, 40], [46, 40], [46, 39]);

describe('geometryProblem (RFC 7946)', () => {
  it.each([
    ['a polygon', { type: 'Polygon', coordinates: [SQUARE] }],
    ['a polygon with a hole', { type: 'Polygon', coordinates: [SQUARE, ring([46.4, 39.4], [46.6, 39.4], [46.6, 39.6], [46.4, 39.6], [46.4, 39.4])] }],
    ['a multipolygon', { type: 'MultiPolygon', coordinates: [[SQUARE], [ring([10, 10], [11, 10], [11, 11], [10, 10])]] }],
    ['positions with an altitude', { type: 'Polygon', coordinates: [ring([46, 39, 900], [47, 39, 900], [47, 40, 900], [46, 39, 900])] }],
    ['the extremes of the ranges', { type: 'Polygon', coordinates: [ring([-180, -90], [180, -90], [180, 90], [-180, -90])] }],
  ])('accepts %s', (_, geometry) => expect(geometryProblem(geometry)).toBeNull());

  it.each([
    ['not an object', 'POLYGON((46 39, 47 39))', ''],
    ['another type', { type: 'Point', coordinates: [46, 39] }, 'type'],
    ['a Feature', { type: 'Feature', geometry: { type: 'Polygon', coordinates: [SQUARE] } }, 'geometry'],
    ['no rings', { type: 'Polygon', coordinates: [] }, 'coordinates'],
    ['an open ring', { type: 'Polygon', coordinates: [ring([46, 39], [47, 39], [47, 40], [46, 40])] }, 'coordinates.0'],
    ['a ring of three positions', { type: 'Polygon', coordinates: [ring([46, 39], [47, 39], [46, 39])] }, 'coordinates.0'],
    ['latitude first (out of range)', { type: 'Polygon', coordinates: [ring([39, 46], [39, 147], [40, 147], [39, 46])] }, 'coordinates.0.1'],
    ['latitude beyond 90', { type: 'Polygon', coordinates: [ring([46, 39], [47, 91], [47, 40], [46, 39])] }, 'coordinates.0.1'],
    ['a string coordinate', { type: 'Polygon', coordinates: [ring([46, 39], [47, '39'] as never, [47, 40], [46, 39])] }, 'coordinates.0.1'],
    ['a one-number position', { type: 'Polygon', coordinates: [ring([46, 39], [47], [47, 40], [46, 39])] }, 'coordinates.0.1'],
    ['an open hole', { type: 'Polygon', coordinates: [SQUARE, ring([46.4, 39.4], [46.6, 39.4], [46.6, 39.6], [46.4, 39.6])] }, 'coordinates.1'],
    ['a multipolygon given polygon coordinates', { type: 'MultiPolygon', coordinates: [SQUARE] }, 'coordinates.0.0'],
    ['an unknown member', { type: 'Polygon', coordinates: [SQUARE], crs: 'EPSG:3857' }, 'crs'],
  ])('refuses %s, naming where', (_, geometry, path) => expect(geometryProblem(geometry)?.path).toBe(path));

  it('keeps type and coordinates only (a bbox is not trusted)', () => {
    expect(toZoneGeometry({ type: 'Polygon', coordinates: [SQUARE as never], bbox: [0, 0, 1, 1] } as never)).toEqual({
      type: 'Polygon',
      coordinates: [SQUARE],
    });
  });
});
