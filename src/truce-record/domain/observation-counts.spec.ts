// Observations in the truce's status and counts (DOMAIN.md, rule 5 and "counted apart, as
// records"), on the reference truce (in force 08:00Z).
import { EFFECTIVE_AT, HOUR, MINUTE, shift, theTruce } from '../../../test/support/domain-builders';
import { anObservationAssessed, anObservationRecorded, anObservationWithdrawn, observationFrom } from '../../../test/support/observation-builders';
import { ObservationState } from '../../observations/domain/observation';
import { observationFindings, observationHorizon, withObservedViolation } from './observation-counts';

const E = EFFECTIVE_AT;
const T = shift(E, 6 * HOUR);
const observedAt = (from: string) => ({ observedAt: { from, precision: 'minute' as const } });
const anObservation = (overrides: Parameters<typeof anObservationRecorded>[0] = {}): ObservationState =>
  observationFrom([anObservationRecorded({ ...observedAt(shift(E, 20 * MINUTE)), ...overrides })]);

describe('observationFindings', () => {
  it('counts records (not their count) by kind and latest assessment, and by origin', () => {
    const assessed = observationFrom([anObservationRecorded({ observationId: 'b', kind: 'drone_flight' }), anObservationAssessed({ origin: 'AZE' })]);
    const { counts, byOrigin, violationObserved } = observationFindings(theTruce(), [anObservation({ count: 12 }), assessed], T);

    expect(counts.total).toBe(2);
    expect(counts.byKind).toMatchObject({ explosion: 1, drone_flight: 1, damage: 0 });
    expect(counts.byAssessment).toEqual({ ceasefire_violation: 1, not_a_violation: 0, undetermined: 1 });
    expect(Object.fromEntries(byOrigin)).toEqual({ undetermined: 1, AZE: 1 });
    expect(violationObserved).toBe(true);
  });

  it('leaves out withdrawn, pre-truce, straddling and not-yet-made observations', () => {
    const withdrawn = observationFrom([anObservationRecorded({ assessment: 'ceasefire_violation' }), anObservationWithdrawn()]);
    const preTruce = anObservation({ ...observedAt(shift(E, -HOUR)), assessment: 'ceasefire_violation' });
    const straddling = anObservation({ observedAt: { from: shift(E, -MINUTE), to: shift(E, MINUTE), precision: 'minute' }, assessment: 'ceasefire_violation' });
    const later = anObservation({ ...observedAt(shift(T, 1)), assessment: 'ceasefire_violation' });

    const findings = observationFindings(theTruce(), [withdrawn, preTruce, straddling, later], T);
    expect(findings.counts.total).toBe(0);
    expect(findings.violationObserved).toBe(false);
  });

  it('counts one made exactly at T', () => {
    expect(observationFindings(theTruce(), [anObservation(observedAt(T))], T).counts.total).toBe(1);
  });
});

describe('withObservedViolation', () => {
  const violation = observationFindings(theTruce(), [anObservation({ assessment: 'ceasefire_violation' })], T);
  const none = observationFindings(theTruce(), [anObservation()], T);

  it('turns holding and contested into violated', () => {
    expect(withObservedViolation('holding', violation)).toBe('violated');
    expect(withObservedViolation('contested', violation)).toBe('violated');
  });

  it('leaves the lifecycle statuses as they are, and everything when no violation was observed', () => {
    for (const status of ['collapsed', 'ended', 'suspended', 'pending', 'violated'] as const) expect(withObservedViolation(status, violation)).toBe(status);
    expect(withObservedViolation('holding', none)).toBe('holding');
  });
});

describe('observationHorizon', () => {
  it('is the latest observedAt.from', () => {
    expect(observationHorizon([anObservation(observedAt(shift(E, HOUR))), anObservation(observedAt(shift(E, 3 * HOUR)))])).toBe(Date.parse(shift(E, 3 * HOUR)));
  });
});
