import fc from 'fast-check';
import { aTruceAgreed, aTruceSuspended, recorded, shift } from '../../../test/support/domain-builders';
import { truceAsOf } from '../../truce-record/domain/record-as-of';
import { evolveTruce, TruceState, TruceStreamEvent } from '../../truces/domain/truce';
import { decideZone, foldZoneDecisionState, ZoneEvent } from './zone';

const T0 = '2020-10-10T08:00:00.000Z';
const SQUARE = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [46, 39],
      [47, 39],
      [47, 40],
      [46, 39],
    ] as [number, number][],
  ],
};

const zoneEvent = fc.oneof(
  fc.constantFrom('kapan', 'agdam', 'terter').map((zoneId): ZoneEvent => ({
    type: 'ZoneDefined',
    schemaVersion: 1,
    data: { zoneId, name: zoneId, kind: 'city', geometry: SQUARE, appliesToTruce: false },
  })),
  fc.constantFrom('kapan', 'agdam', 'terter').map((zoneId): ZoneEvent => ({ type: 'ZoneRetired', schemaVersion: 1, data: { zoneId, reason: 'redrawn' } })),
);
const tail = fc.array(fc.oneof(zoneEvent, fc.constant(aTruceSuspended() as TruceStreamEvent)), { maxLength: 12 });

// The law record-as-of.spec.ts states for the truce's own events, with zones in its stream too.
describe('a truce as of K, zones included, equals a replay of the events recorded by K', () => {
  it('holds for any sequence of accepted zone events', () => {
    fc.assert(
      fc.property(
        tail,
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 13, maxLength: 13 }),
        fc.integer({ min: -1, max: 30 }),
        (events, gaps, kMinutes) => {
          const stream: (TruceStreamEvent & { recordedAt: string; streamVersion: number })[] = [recorded(aTruceAgreed(), { recordedAt: T0, streamVersion: 1 })];
          let minutes = 0;
          let suspended = false;
          events.forEach((event, i) => {
            if (event.type === 'TruceSuspended') {
              if (suspended) return;
              suspended = true;
            } else {
              const zone = event as ZoneEvent;
              try {
                decideZone(
                  zone.type === 'ZoneDefined' ? { type: 'DefineZone', truceId: 't', data: zone.data } : { type: 'RetireZone', truceId: 't', data: zone.data },
                  foldZoneDecisionState(stream),
                );
              } catch {
                return;
              }
            }
            minutes += gaps[i];
            stream.push({ ...event, recordedAt: shift(T0, minutes * 60_000), streamVersion: stream.length + 1 });
          });
          const fold = (xs: typeof stream) => xs.reduce<TruceState | null>((s, e) => evolveTruce(s, e), null);
          const k = shift(T0, kMinutes * 60_000);
          expect(truceAsOf(fold(stream)!, k)).toEqual(fold(stream.filter((e) => e.recordedAt <= k)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
