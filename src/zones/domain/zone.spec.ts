import { DomainError } from '../../common/domain/domain-error';
import { Recorded } from '../../common/domain/domain-event';
import { PolygonGeometry } from './geometry';
import { decideZone, evolveZones, foldZoneDecisionState, isZoneId, ZoneDefined, ZoneDefinition, ZoneEvent, ZoneRecord, zonesAsOf, zonesInForce } from './zone';

const TRUCE_ID = '6f1c1a8e-2b7e-4d3c-9a51-0c7f3b2a9d11';
const SQUARE: PolygonGeometry = {
  type: 'Polygon',
  coordinates: [
    [
      [46, 39],
      [47, 39],
      [47, 40],
      [46, 40],
      [46, 39],
    ],
  ],
};

const definition = (zoneId: string): ZoneDefinition => ({ zoneId, name: `Zone ${zoneId}`, kind: 'buffer_zone', geometry: SQUARE, appliesToTruce: true });
const defined = (zoneId: string, recordedAt: string): Recorded<ZoneDefined> => ({
  type: 'ZoneDefined',
  schemaVersion: 1,
  data: definition(zoneId),
  recordedAt,
  streamVersion: 2,
});
const retired = (zoneId: string, recordedAt: string): Recorded<ZoneEvent> => ({
  type: 'ZoneRetired',
  schemaVersion: 1,
  data: { zoneId, reason: 'redrawn' },
  recordedAt,
  streamVersion: 3,
});
const agreed = { type: 'TruceAgreed' };

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('zone ids', () => {
  it.each(['kapan', 'lachin-corridor', 'zone-2', '7'])('%s is a slug', (id) => expect(isZoneId(id)).toBe(true));
  it.each(['', 'Kapan', 'lachin_corridor', '-kapan', 'kapan-', 'a--b', 'a b', 'é', 'x'.repeat(65), 42])('%j is not', (id) => expect(isZoneId(id)).toBe(false));
});

describe('decideZone', () => {
  it('defines a zone on a recorded truce', () => {
    const events = decideZone({ type: 'DefineZone', truceId: TRUCE_ID, data: definition('kapan') }, { truceRecorded: true, zones: [] });
    expect(events).toEqual([{ type: 'ZoneDefined', schemaVersion: 1, data: definition('kapan') }]);
  });

  it('refuses a zone id already defined with a conflict (409), even one retired', () => {
    const zones = evolveZones(evolveZones([], defined('kapan', 'T1')), retired('kapan', 'T2'));
    const error = refusal(() => decideZone({ type: 'DefineZone', truceId: TRUCE_ID, data: definition('kapan') }, { truceRecorded: true, zones }));
    expect({ code: error.code, kind: error.kind }).toEqual({ code: 'ZONE.ALREADY_DEFINED', kind: 'conflict' });
  });

  it('refuses a truce that is not recorded (404)', () => {
    const error = refusal(() => decideZone({ type: 'DefineZone', truceId: TRUCE_ID, data: definition('kapan') }, { truceRecorded: false, zones: [] }));
    expect({ code: error.code, kind: error.kind }).toEqual({ code: 'TRUCE.NOT_FOUND', kind: 'not_found' });
  });

  it('retires a zone in force; an unknown zone is 404 and a retired one 422', () => {
    const zones = evolveZones([], defined('kapan', 'T1'));
    const retire = (zoneId: string, state: ZoneRecord[]) =>
      decideZone({ type: 'RetireZone', truceId: TRUCE_ID, data: { zoneId, reason: 'redrawn' } }, { truceRecorded: true, zones: state });
    expect(retire('kapan', zones)).toEqual([{ type: 'ZoneRetired', schemaVersion: 1, data: { zoneId: 'kapan', reason: 'redrawn' } }]);
    expect(refusal(() => retire('agdam', zones)).kind).toBe('not_found');
    const gone = evolveZones(zones, retired('kapan', 'T2'));
    expect(refusal(() => retire('kapan', gone))).toMatchObject({ code: 'ZONE.RETIRED', kind: 'rejected' });
  });
});

describe('the zones of a truce stream', () => {
  const T1 = '2020-10-10T09:00:00.000Z';
  const T2 = '2020-10-10T10:00:00.000Z';
  const T3 = '2020-10-10T11:00:00.000Z';

  it('folds definitions and retirements with their recorded-at, ignoring the truce’s own events', () => {
    const state = foldZoneDecisionState([agreed, defined('kapan', T1), { type: 'TruceSuspended' }, defined('agdam', T2), retired('kapan', T3)]);
    expect(state.truceRecorded).toBe(true);
    expect(state.zones.map((z) => [z.zoneId, z.definedAt, z.retiredAt, z.retiredReason])).toEqual([
      ['kapan', T1, T3, 'redrawn'],
      ['agdam', T2, null, null],
    ]);
  });

  it('as of K: only zones defined by K, and a zone retired at K is gone as of K (but in force just before)', () => {
    const zones = foldZoneDecisionState([agreed, defined('kapan', T1), defined('agdam', T2), retired('kapan', T3)]).zones;
    expect(zonesInForce(zones, '2020-10-10T08:59:59.999Z')).toEqual([]);
    expect(zonesInForce(zones, T1).map((z) => z.zoneId)).toEqual(['kapan']);
    expect(zonesInForce(zones, '2020-10-10T10:59:59.999Z').map((z) => z.zoneId)).toEqual(['kapan', 'agdam']);
    expect(zonesInForce(zones, T3).map((z) => z.zoneId)).toEqual(['agdam']);
    expect(zonesInForce(zones).map((z) => z.zoneId)).toEqual(['agdam']);
    expect(zonesAsOf(zones, T2).find((z) => z.zoneId === 'kapan')).toMatchObject({ retiredAt: null, retiredReason: null });
  });
});
