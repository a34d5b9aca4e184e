import { MultiPolygonGeometry, PolygonGeometry } from './geometry';
import { zonesContaining, zonesOfPlace } from './zones-containing';

// A square around Kapan (lon 46–47, lat 39–40) with a hole in its middle, and a multipolygon of two
// squares far apart: Terter (lon 46.9–47.3, lat 40.2–40.5) and Agdam (lon 46.8–47.1, lat 39.9–40.1).
const WITH_HOLE: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [46, 39],
      [47, 39],
      [47, 40],
      [46, 40],
      [46, 39],
    ],
    [
      [46.4, 39.4],
      [46.6, 39.4],
      [46.6, 39.6],
      [46.4, 39.6],
      [46.4, 39.4],
    ],
  ],
};
const TWO_PARTS: MultiPolygonGeometry = {
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [46.9, 40.2],
        [47.3, 40.2],
        [47.3, 40.5],
        [46.9, 40.5],
        [46.9, 40.2],
      ],
    ],
    [
      [
        [48.8, 41.9],
        [49.1, 41.9],
        [49.1, 42.1],
        [48.8, 42.1],
        [48.8, 41.9],
      ],
    ],
  ],
};
const ZONES = [
  { zoneId: 'kapan', geometry: WITH_HOLE },
  { zoneId: 'front', geometry: TWO_PARTS },
];

describe('zonesContaining', () => {
  it('a point inside the outline', () => expect(zonesContaining({ lat: 39.2, lon: 46.2 }, ZONES)).toEqual(['kapan']));
  it('a point outside every zone', () => expect(zonesContaining({ lat: 38.5, lon: 46.5 }, ZONES)).toEqual([]));
  it('a point on an edge counts as inside', () => expect(zonesContaining({ lat: 39, lon: 46.5 }, ZONES)).toEqual(['kapan']));
  it('a point on a corner counts as inside', () => expect(zonesContaining({ lat: 40, lon: 47 }, ZONES)).toEqual(['kapan']));
  it('a point in a hole is outside', () => expect(zonesContaining({ lat: 39.5, lon: 46.5 }, ZONES)).toEqual([]));
  it("a point on a hole's edge is on the zone's edge: inside", () => expect(zonesContaining({ lat: 39.4, lon: 46.5 }, ZONES)).toEqual(['kapan']));
  it('a point in either part of a multipolygon', () => {
    expect(zonesContaining({ lat: 40.3, lon: 47 }, ZONES)).toEqual(['front']);
    expect(zonesContaining({ lat: 42, lon: 49 }, ZONES)).toEqual(['front']);
    expect(zonesContaining({ lat: 41, lon: 48 }, ZONES)).toEqual([]);
  });
  it('lat and lon are not swapped', () => expect(zonesContaining({ lat: 46.2, lon: 39.2 }, ZONES)).toEqual([]));
  it('every zone that contains the point, in the order given', () => {
    const overlapping = [...ZONES, { zoneId: 'region', geometry: { ...WITH_HOLE, coordinates: [WITH_HOLE.coordinates[0]] } }];
    expect(zonesContaining({ lat: 39.5, lon: 46.5 }, overlapping)).toEqual(['region']);
    expect(zonesContaining({ lat: 39.2, lon: 46.2 }, overlapping)).toEqual(['kapan', 'region']);
  });
  it('a place without coordinates is in no zone', () => {
    expect(zonesOfPlace({}, ZONES)).toEqual([]);
    expect(zonesOfPlace({ lat: 39.2 }, ZONES)).toEqual([]);
    expect(zonesOfPlace({ lat: 39.2, lon: 46.2 }, ZONES)).toEqual(['kapan']);
  });
});
