import fc from 'fast-check';
import { evolveIncident, IncidentState } from '../incidents/domain/incident';
import { incidentAsOf } from './domain/record-as-of';
import { computeTruceStatus } from './domain/truce-status';
import { IncidentsByRecordedAt } from './incidents-by-recorded-at';
import {
  aBreachDenied,
  aBreachReported,
  aCasualtiesRevised,
  anAttributionDetermined,
  aReportRetracted,
  aVerificationChanged,
  casualties,
  recorded,
  shift,
  theTruce,
} from '../../test/support/domain-builders';

const T0 = '2020-10-10T08:00:00.000Z';
const at = (minutes: number) => shift(T0, minutes * 60_000);

const revision = fc.oneof(
  fc.constant(aBreachDenied()),
  fc.constantFrom('corroborated', 'confirmed', 'refuted', 'inconclusive').map((s) => aVerificationChanged(s as never)),
  fc.constantFrom('ARM', 'AZE').map((p) => anAttributionDetermined({ attributedTo: p })),
  fc.integer({ min: 0, max: 9 }).map((k) => aCasualtiesRevised({ casualties: casualties({ killed: { civilian: k } }) })),
  fc.constant(aReportRetracted()),
);

/**
 * A log as the cache applies it: new reports and revisions of earlier ones, each at a minute
 * that mostly moves forward but may repeat (events sharing an instant) or step back (another
 * instance's clock), so incidents also arrive out of recorded-at order.
 */
const steps = fc.array(
  fc.record({
    minutes: fc.integer({ min: -3, max: 4 }),
    revise: fc.option(fc.tuple(fc.nat(), revision), { nil: null, freq: 2 }),
    askAfter: fc.boolean(),
  }),
  { minLength: 1, maxLength: 40 },
);

const truce = theTruce();
const idOf = (n: number) => `1c1b8d2f-0000-4c20-8000-${String(n).padStart(12, '0')}`;
const byId = (xs: IncidentState[]) => [...xs].sort((a, b) => a.incidentId.localeCompare(b.incidentId));

/** What the status handler did before the index: every incident through incidentAsOf, those recorded by K. */
const reference = (held: Map<string, IncidentState>, k: string) =>
  [...held.values()].map((i) => incidentAsOf(i, k)).filter((i): i is IncidentState => i !== null);

describe('IncidentsByRecordedAt', () => {
  it('answers as of any K exactly as incidentAsOf over every incident does, however the incidents arrived', () => {
    fc.assert(
      fc.property(steps, fc.array(fc.integer({ min: -5, max: 170 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (log, ks, lateIndex) => {
        const held = new Map<string, IncidentState>();
        let index = lateIndex ? null : new IncidentsByRecordedAt();
        const times: string[] = [];
        let clock = 40;
        const check = (everyInstant: boolean) => {
          index ??= new IncidentsByRecordedAt(held.values());
          // Every K asked for and, at the end, each recorded instant exactly (K equal to several events' recordedAt).
          for (const k of everyInstant ? [...ks.map(at), ...times] : ks.map(at)) {
            const answer = index.asOf(k);
            const expected = reference(held, k);
            expect(byId(answer)).toEqual(byId(expected));
            // What time travel reads: the status from the facts walked in place is the status of those incidents.
            expect(computeTruceStatus(truce, index.factsAsOf(k), at(60))).toEqual(computeTruceStatus(truce, expected, at(60)));
            answer.slice(1).forEach((incident, i) => expect(answer[i].recordedAt <= incident.recordedAt).toBe(true));
          }
        };
        log.forEach(({ minutes, revise, askAfter }, n) => {
          clock += minutes;
          const recordedAt = at(clock);
          times.push(recordedAt);
          const target = revise && held.size ? [...held.values()][revise[0] % held.size] : null;
          const event = target ? revise![1] : aBreachReported({ incidentId: idOf(n) });
          const next = evolveIncident(target, recorded(event, { recordedAt, streamVersion: (target?.version ?? 0) + 1 }))!;
          held.set(next.incidentId, next);
          index?.put(next);
          if (askAfter) check(false);
        });
        check(true);
        expect(index!.size).toBe(held.size);
      }),
      { numRuns: 300 },
    );
  });

  it('puts an incident recorded earlier than those held before them, and one revised later in its place', () => {
    const report = (id: number, minutes: number) => evolveIncident(null, recorded(aBreachReported({ incidentId: idOf(id) }), { recordedAt: at(minutes) }))!;
    const index = new IncidentsByRecordedAt([report(1, 10), report(2, 30)]);
    expect(index.asOf(at(20)).map((i) => i.incidentId)).toEqual([idOf(1)]);
    index.put(report(3, 20)); // another instance's clock: recorded before incident 2
    expect(index.asOf(at(20)).map((i) => i.incidentId)).toEqual([idOf(1), idOf(3)]);
    const revised = evolveIncident(report(1, 10), recorded(aVerificationChanged('confirmed'), { recordedAt: at(40), streamVersion: 2 }))!;
    index.put(revised);
    expect(index.asOf(at(40))).toEqual([revised, report(3, 20), report(2, 30)]);
    // Before the revision was recorded, incident 1 as it stood then.
    expect(index.asOf(at(39))[0].verification.status).toBe('unverified');
    expect(index.asOf(at(9))).toEqual([]);
    expect(index.size).toBe(3);
  });
});
