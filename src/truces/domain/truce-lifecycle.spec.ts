// Unit tests of the truce lifecycle decisions: revising the effective instant, suspending and
// resuming, recording purpose milestones. Given events / when command / then events (or a
// DomainError). Reference case: the 10 October 2020 truce (see testing/builders.ts); AP gave
// "noon (0800 GMT)", TASS "12:00 Moscow time" (09:00 UTC) — the revision the tests use.
import { recordMilestone, resumeTruce, reviseEffectiveTime, suspendTruce, TruceState } from './truce';
import { computeTruceStatus } from './truce-status';
import {
  aMilestoneRecorded,
  anEffectiveTimeRevised,
  aTruceAgreed,
  aTruceCollapsed,
  aTruceEnded,
  aTruceResumed,
  aTruceSuspended,
  EFFECTIVE_AT,
  foldTruce,
  HOUR,
  refusal,
  shift,
  theTruce,
} from './testing/builders';
import { TruceEvent } from './truce.events';

const TASS_AT = '2020-10-10T09:00:00.000Z';

/** Given these events, the state a command decides on. */
const given = (...events: TruceEvent[]): TruceState => foldTruce([aTruceAgreed(), ...events]);

describe('reviseEffectiveTime', () => {
  it('given the agreed truce, when TASS’s 09:00 UTC is preferred, then TruceEffectiveTimeRevised with the data unchanged', () => {
    const data = anEffectiveTimeRevised({ effectiveAt: TASS_AT }).data;

    expect(reviseEffectiveTime(theTruce(), data)).toEqual([{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data }]);
  });

  it('accepts a revision to an earlier instant, and one without the source’s words', () => {
    const data = anEffectiveTimeRevised({ effectiveAt: shift(EFFECTIVE_AT, -HOUR), effectiveAtSource: null }).data;

    expect(reviseEffectiveTime(theTruce(), data)).toEqual([{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data }]);
  });

  it('refuses a revision to the current instant: TRUCE.EFFECTIVE_TIME_UNCHANGED (rejected)', () => {
    const error = refusal(() => reviseEffectiveTime(theTruce(), anEffectiveTimeRevised({ effectiveAt: EFFECTIVE_AT }).data));

    expect(error).toMatchObject({ code: 'TRUCE.EFFECTIVE_TIME_UNCHANGED', kind: 'rejected' });
  });

  it('compares instants, not their spelling: 08:00:00Z is 08:00:00.000Z', () => {
    const error = refusal(() => reviseEffectiveTime(theTruce(), anEffectiveTimeRevised({ effectiveAt: '2020-10-10T08:00:00Z' }).data));

    expect(error).toMatchObject({ code: 'TRUCE.EFFECTIVE_TIME_UNCHANGED', kind: 'rejected' });
  });

  it('judges against the latest revision: back to the agreed instant is a change, the revised one again is not', () => {
    const revised = given(anEffectiveTimeRevised({ effectiveAt: TASS_AT }));

    const back = anEffectiveTimeRevised({ effectiveAt: EFFECTIVE_AT, reason: 'AP was right after all' }).data;
    expect(reviseEffectiveTime(revised, back)).toEqual([{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data: back }]);
    expect(refusal(() => reviseEffectiveTime(revised, anEffectiveTimeRevised({ effectiveAt: TASS_AT }).data))).toMatchObject({
      code: 'TRUCE.EFFECTIVE_TIME_UNCHANGED',
      kind: 'rejected',
    });
  });

  describe('given a truce with endsAt 10:00', () => {
    const endsAt = shift(EFFECTIVE_AT, 2 * HOUR);
    const truce = () => theTruce({ endsAt });

    it('accepts a new effectiveAt before it', () => {
      const data = anEffectiveTimeRevised({ effectiveAt: shift(endsAt, -1) }).data;

      expect(reviseEffectiveTime(truce(), data)).toEqual([{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data }]);
    });

    it('refuses one at endsAt: TRUCE.ENDS_BEFORE_EFFECTIVE (rejected)', () => {
      const error = refusal(() => reviseEffectiveTime(truce(), anEffectiveTimeRevised({ effectiveAt: endsAt }).data));

      expect(error).toMatchObject({ code: 'TRUCE.ENDS_BEFORE_EFFECTIVE', kind: 'rejected' });
    });

    it('refuses one after endsAt: TRUCE.ENDS_BEFORE_EFFECTIVE (rejected)', () => {
      const error = refusal(() => reviseEffectiveTime(truce(), anEffectiveTimeRevised({ effectiveAt: shift(endsAt, HOUR) }).data));

      expect(error).toMatchObject({ code: 'TRUCE.ENDS_BEFORE_EFFECTIVE', kind: 'rejected' });
    });
  });

  it('accepts a revision while the truce is suspended', () => {
    const data = anEffectiveTimeRevised().data;

    expect(reviseEffectiveTime(given(aTruceSuspended()), data)).toEqual([{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data }]);
  });

  it('given a collapsed truce, then TRUCE.COLLAPSED (rejected)', () => {
    const error = refusal(() => reviseEffectiveTime(given(aTruceCollapsed()), anEffectiveTimeRevised().data));

    expect(error).toMatchObject({ code: 'TRUCE.COLLAPSED', kind: 'rejected' });
  });

  it('given an ended truce, then TRUCE.ENDED (rejected)', () => {
    const error = refusal(() => reviseEffectiveTime(given(aTruceEnded()), anEffectiveTimeRevised().data));

    expect(error).toMatchObject({ code: 'TRUCE.ENDED', kind: 'rejected' });
  });
});

describe('suspendTruce', () => {
  it('given an open truce, when Russia suspends it, then TruceSuspended with the data unchanged', () => {
    const data = aTruceSuspended().data;

    expect(suspendTruce(theTruce(), data)).toEqual([{ type: 'TruceSuspended', schemaVersion: 1, data }]);
  });

  it('given a suspended truce, then TRUCE.ALREADY_SUSPENDED (rejected)', () => {
    const error = refusal(() => suspendTruce(given(aTruceSuspended()), aTruceSuspended({ at: shift(EFFECTIVE_AT, 5 * HOUR) }).data));

    expect(error).toMatchObject({ code: 'TRUCE.ALREADY_SUSPENDED', kind: 'rejected' });
  });

  it('given a suspension and its resumption, a new suspension is accepted', () => {
    const data = aTruceSuspended({ at: shift(EFFECTIVE_AT, 5 * HOUR) }).data;

    expect(suspendTruce(given(aTruceSuspended(), aTruceResumed()), data)).toEqual([{ type: 'TruceSuspended', schemaVersion: 1, data }]);
  });

  // Monitors enter claims late: an earlier suspension may be filled in after a later one.
  it('judges by the latest mark recorded: an earlier suspension can be filled in after a resumption', () => {
    const data = aTruceSuspended({ at: shift(EFFECTIVE_AT, HOUR / 2) }).data;

    expect(suspendTruce(given(aTruceSuspended(), aTruceResumed()), data)).toEqual([{ type: 'TruceSuspended', schemaVersion: 1, data }]);
  });

  it('given a collapsed truce, then TRUCE.COLLAPSED (rejected)', () => {
    expect(refusal(() => suspendTruce(given(aTruceCollapsed()), aTruceSuspended().data))).toMatchObject({
      code: 'TRUCE.COLLAPSED',
      kind: 'rejected',
    });
  });

  it('given an ended truce, then TRUCE.ENDED (rejected)', () => {
    expect(refusal(() => suspendTruce(given(aTruceEnded()), aTruceSuspended().data))).toMatchObject({
      code: 'TRUCE.ENDED',
      kind: 'rejected',
    });
  });
});

describe('resumeTruce', () => {
  it('given a suspended truce, when it is resumed later, then TruceResumed with the data unchanged', () => {
    const data = aTruceResumed().data;

    expect(resumeTruce(given(aTruceSuspended()), data)).toEqual([{ type: 'TruceResumed', schemaVersion: 1, data }]);
  });

  it('given a truce never suspended, then TRUCE.NOT_SUSPENDED (rejected)', () => {
    expect(refusal(() => resumeTruce(theTruce(), aTruceResumed().data))).toMatchObject({ code: 'TRUCE.NOT_SUSPENDED', kind: 'rejected' });
  });

  it('given a truce already resumed, then TRUCE.NOT_SUSPENDED (rejected)', () => {
    const state = given(aTruceSuspended(), aTruceResumed());

    expect(refusal(() => resumeTruce(state, aTruceResumed({ at: shift(EFFECTIVE_AT, 4 * HOUR) }).data))).toMatchObject({
      code: 'TRUCE.NOT_SUSPENDED',
      kind: 'rejected',
    });
  });

  it('refuses a resumption at or before the suspension it ends: TRUCE.RESUMED_BEFORE_SUSPENDED (rejected)', () => {
    const suspendedAt = shift(EFFECTIVE_AT, 2 * HOUR);
    const state = given(aTruceSuspended({ at: suspendedAt }));

    for (const at of [suspendedAt, shift(suspendedAt, -1), EFFECTIVE_AT]) {
      expect(refusal(() => resumeTruce(state, aTruceResumed({ at }).data))).toMatchObject({
        code: 'TRUCE.RESUMED_BEFORE_SUSPENDED',
        kind: 'rejected',
      });
    }
    const data = aTruceResumed({ at: shift(suspendedAt, 1) }).data;
    expect(resumeTruce(state, data)).toEqual([{ type: 'TruceResumed', schemaVersion: 1, data }]);
  });

  it('ends the suspension recorded last, even when it was filled in for an earlier instant', () => {
    const state = given(aTruceSuspended(), aTruceResumed(), aTruceSuspended({ at: shift(EFFECTIVE_AT, HOUR / 2) }));
    const data = aTruceResumed({ at: shift(EFFECTIVE_AT, HOUR) }).data;

    expect(resumeTruce(state, data)).toEqual([{ type: 'TruceResumed', schemaVersion: 1, data }]);
  });

  it('given a truce collapsed while suspended, then TRUCE.COLLAPSED (rejected)', () => {
    expect(refusal(() => resumeTruce(given(aTruceSuspended(), aTruceCollapsed()), aTruceResumed().data))).toMatchObject({
      code: 'TRUCE.COLLAPSED',
      kind: 'rejected',
    });
  });

  it('given a truce ended while suspended, then TRUCE.ENDED (rejected)', () => {
    expect(refusal(() => resumeTruce(given(aTruceSuspended(), aTruceEnded()), aTruceResumed().data))).toMatchObject({
      code: 'TRUCE.ENDED',
      kind: 'rejected',
    });
  });
});

describe('suspend and resume, as the status sees them', () => {
  // Decide, then fold what was decided: the marks accepted give the intervals the status shows.
  function decideAll(): TruceState {
    const steps: ((s: TruceState) => TruceEvent[])[] = [
      (s) => suspendTruce(s, aTruceSuspended({ at: '2020-10-10T10:00:00.000Z' }).data),
      (s) => resumeTruce(s, aTruceResumed({ at: '2020-10-10T11:00:00.000Z' }).data),
      // filled in afterwards: an earlier suspension, 08:30–09:00
      (s) => suspendTruce(s, aTruceSuspended({ at: '2020-10-10T08:30:00.000Z' }).data),
      (s) => resumeTruce(s, aTruceResumed({ at: '2020-10-10T09:00:00.000Z' }).data),
    ];
    const events: TruceEvent[] = [aTruceAgreed()];
    for (const step of steps) events.push(...step(foldTruce(events)));
    return foldTruce(events);
  }

  it.each([
    ['2020-10-10T08:29:59.999Z', 'holding'],
    ['2020-10-10T08:30:00.000Z', 'suspended'],
    ['2020-10-10T08:59:59.999Z', 'suspended'],
    ['2020-10-10T09:00:00.000Z', 'holding'],
    ['2020-10-10T09:59:59.999Z', 'holding'],
    ['2020-10-10T10:00:00.000Z', 'suspended'],
    ['2020-10-10T10:59:59.999Z', 'suspended'],
    ['2020-10-10T11:00:00.000Z', 'holding'],
  ])('at %s the truce is %s', (at, status) => {
    expect(computeTruceStatus(decideAll(), [], at).status).toBe(status);
  });
});

describe('recordMilestone (lifecycle cases)', () => {
  it('accepts a milestone while the truce is suspended', () => {
    const data = aMilestoneRecorded({ kind: 'prisoner_exchange', state: 'postponed', counts: {} }).data;

    expect(recordMilestone(given(aTruceSuspended()), data)).toEqual([{ type: 'PurposeMilestoneRecorded', schemaVersion: 1, data }]);
  });

  it('refuses a literal "__proto__" key in counts as a non-party: TRUCE.NOT_A_PARTY (rejected)', () => {
    const counts = JSON.parse('{"ARM": 1, "__proto__": 2}') as Record<string, number>;

    expect(refusal(() => recordMilestone(theTruce(), aMilestoneRecorded({ counts }).data))).toMatchObject({
      code: 'TRUCE.NOT_A_PARTY',
      kind: 'rejected',
    });
  });
});
