import fc from 'fast-check';
import { decideIncident, evolveIncident, IncidentEvent, IncidentState } from '../../incidents/domain/incident';
import { decideTruce, evolveTruce, TruceEvent, TruceState } from '../../truces/domain/truce';
import { incidentAsOf, truceAsOf } from './record-as-of';
import {
  aBreachDenied,
  aBreachReported,
  aCasualtiesRevised,
  aMilestoneRecorded,
  anAttributionDetermined,
  anEffectiveTimeRevised,
  aReportRetracted,
  aTruceAgreed,
  aTruceCollapsed,
  aTruceEnded,
  aTruceReopened,
  aTruceResumed,
  aTruceSuspended,
  aVerificationChanged,
  ACTORS,
  casualties,
  incidentCommandFor,
  recorded,
  shift,
  truceCommandFor,
  truceFrom,
} from '../../../test/support/domain-builders';

const ADMIN = ACTORS.admin;

const T0 = '2020-10-10T08:00:00.000Z';

/** Record times that never go backwards, several events sometimes sharing one instant. */
const recordTimes = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }).map((gaps) => {
    let t = 0;
    return gaps.map((g) => shift(T0, (t += g) * 60_000));
  });

const incidentTail = fc.array(
  fc.oneof(
    fc.constant(aBreachDenied()),
    fc.constantFrom('corroborated', 'confirmed', 'refuted', 'inconclusive', 'unverified').map((s) => aVerificationChanged(s as never)),
    fc.constantFrom('ARM', 'AZE', 'not_attributable').map((p) => anAttributionDetermined({ attributedTo: p })),
    fc.integer({ min: 0, max: 9 }).map((k) => aCasualtiesRevised({ casualties: casualties({ killed: { civilian: k } }) })),
    fc.constant(aReportRetracted()),
  ),
  { maxLength: 12 },
);

/** An effective instant in hours from T0, or none (then the recorded-at). */
const effective = fc.option(
  fc.integer({ min: -3, max: 30 }).map((h) => shift(T0, h * 3_600_000)),
  { nil: null },
);

// Post-end corrections and reopenings included: any `at`, a later collapse or end, a reopening.
const truceTail = fc.array(
  fc.oneof(
    fc.integer({ min: -3, max: 3 }).map((h) => anEffectiveTimeRevised({ effectiveAt: shift(T0, h * 3_600_000), effectiveAtSource: null })),
    effective.map((at) => aTruceSuspended({ at })),
    effective.map((at) => aTruceResumed({ at })),
    effective.map((at) => aMilestoneRecorded({ at })),
    effective.map((at) => aTruceCollapsed({ at })),
    effective.map((at) => aTruceEnded({ at })),
    fc.constant(aTruceReopened()),
  ),
  { maxLength: 14 },
);

function replay<S, E>(
  evolve: (s: S | null, e: E & { recordedAt: string; streamVersion: number }) => S | null,
  events: (E & { recordedAt: string; streamVersion: number })[],
): S | null {
  return events.reduce<S | null>((s, e) => evolve(s, e), null);
}

/**
 * Keeps only the events the service's own decide functions would have accepted, in order: the
 * law is about streams this service writes (a second retraction, say, is refused before it is
 * ever recorded).
 */
function accepted<S, E extends { type: string; data: any }>(
  initial: E,
  tail: E[],
  times: string[],
  evolve: (s: S | null, e: E & { recordedAt: string; streamVersion: number }) => S | null,
  decide: (state: S, event: E) => unknown,
) {
  const events = [recorded(initial as never, { recordedAt: times[0], streamVersion: 1 }) as E & { recordedAt: string; streamVersion: number }];
  let state = evolve(null, events[0])!;
  tail.forEach((event, i) => {
    try {
      decide(state, event);
    } catch {
      return;
    }
    const next = recorded(event as never, { recordedAt: times[i + 1], streamVersion: events.length + 1 }) as E & { recordedAt: string; streamVersion: number };
    events.push(next);
    state = evolve(state, next)!;
  });
  return events;
}

const truceForIncidents = truceFrom([aTruceAgreed()]);

const decideOnIncident = (state: IncidentState, event: IncidentEvent) =>
  decideIncident(incidentCommandFor(event, ADMIN), { incident: state, truce: truceForIncidents });

const decideOnTruce = (state: TruceState, event: TruceEvent) => decideTruce(truceCommandFor(event), state);

describe('the record as of K, derived from the state, equals a replay of the events recorded by K', () => {
  it('for incidents', () => {
    fc.assert(
      fc.property(
        incidentTail.chain((tail) => fc.tuple(fc.constant(tail), recordTimes(tail.length + 1), fc.integer({ min: -2, max: 45 }))),
        ([tail, times, kMinutes]) => {
          const events = accepted<IncidentState, IncidentEvent>(aBreachReported(), tail, times, evolveIncident, decideOnIncident);
          const k = shift(T0, kMinutes * 60_000);
          const now = replay<IncidentState, IncidentEvent>(evolveIncident, events)!;
          const expected = replay<IncidentState, IncidentEvent>(
            evolveIncident,
            events.filter((e) => e.recordedAt <= k),
          );
          expect(incidentAsOf(now, k)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for truces', () => {
    fc.assert(
      fc.property(
        truceTail.chain((tail) => fc.tuple(fc.constant(tail), recordTimes(tail.length + 1), fc.integer({ min: -2, max: 35 }))),
        ([tail, times, kMinutes]) => {
          const events = accepted<TruceState, TruceEvent>(aTruceAgreed(), tail, times, evolveTruce, decideOnTruce);
          const k = shift(T0, kMinutes * 60_000);
          const now = replay<TruceState, TruceEvent>(evolveTruce, events)!;
          const expected = replay<TruceState, TruceEvent>(
            evolveTruce,
            events.filter((e) => e.recordedAt <= k),
          );
          expect(truceAsOf(now, k)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
