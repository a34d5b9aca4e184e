// Unit tests of the truce lifecycle decisions: revising the effective instant, suspending and
// resuming, recording purpose milestones. Given events / when command / then events (or a
// DomainError). Reference case: the 10 October 2020 truce (see test/support/domain-builders.ts);
// AP gave "noon (0800 GMT)", TASS "12:00 Moscow time" (09:00 UTC) — the revision the tests use.
import { computeTruceStatus } from '../../truce-record/domain/truce-status';
import { decideTruce, TruceEvent, TruceState } from './truce';
import {
  aMilestoneRecorded,
  anEffectiveTimeRevised,
  aTruceAgreed,
  aTruceCollapsed,
  aTruceEnded,
  aTruceResumed,
  aTruceSuspended,
  EFFECTIVE_AT,
  DAY,
  HOUR,
  refusal,
  shift,
  theTruce,
  TRUCE_ID,
  truceCommand,
  truceFrom,
} from '../../../test/support/domain-builders';

const TASS_AT = '2020-10-10T09:00:00.000Z';

/** Given these events, the state a command decides on. */
const given = (...events: TruceEvent[]): TruceState => truceFrom([aTruceAgreed(), ...events]);

describe('reviseEffectiveTime', () => {
  it('given the agreed truce, when TASS’s 09:00 UTC is preferred, then TruceEffectiveTimeRevised with the data unchanged', () => {
    const data = anEffectiveTimeRevised({ effectiveAt: TASS_AT }).data;

    expect(decideTruce(truceCommand.reviseEffectiveTime(data), theTruce())).toEqual([{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data }]);
  });

  it('accepts a revision to an earlier instant, and one without the source’s words', () => {
    const data = anEffectiveTimeRevised({ effectiveAt: shift(EFFECTIVE_AT, -HOUR), effectiveAtSource: null }).data;

    expect(decideTruce(truceCommand.reviseEffectiveTime(data), theTruce())).toEqual([{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data }]);
  });

  it('refuses a revision to the current instant: TRUCE.EFFECTIVE_TIME_UNCHANGED (rejected)', () => {
    const error = refusal(() => decideTruce(truceCommand.reviseEffectiveTime(anEffectiveTimeRevised({ effectiveAt: EFFECTIVE_AT }).data), theTruce()));

    expect(error).toMatchObject({ code: 'TRUCE.EFFECTIVE_TIME_UNCHANGED', kind: 'rejected' });
  });

  it('compares instants, not their spelling: 08:00:00Z is 08:00:00.000Z', () => {
    const error = refusal(() =>
      decideTruce(truceCommand.reviseEffectiveTime(anEffectiveTimeRevised({ effectiveAt: '2020-10-10T08:00:00Z' }).data), theTruce()),
    );

    expect(error).toMatchObject({ code: 'TRUCE.EFFECTIVE_TIME_UNCHANGED', kind: 'rejected' });
  });

  it('judges against the latest revision: back to the agreed instant is a change, the revised one again is not', () => {
    const revised = given(anEffectiveTimeRevised({ effectiveAt: TASS_AT }));

    const back = anEffectiveTimeRevised({ effectiveAt: EFFECTIVE_AT, reason: 'AP was right after all' }).data;
    expect(decideTruce(truceCommand.reviseEffectiveTime(back), revised)).toEqual([{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data: back }]);
    expect(refusal(() => decideTruce(truceCommand.reviseEffectiveTime(anEffectiveTimeRevised({ effectiveAt: TASS_AT }).data), revised))).toMatchObject({
      code: 'TRUCE.EFFECTIVE_TIME_UNCHANGED',
      kind: 'rejected',
    });
  });

  describe('given a truce with endsAt 10:00', () => {
    const endsAt = shift(EFFECTIVE_AT, 2 * HOUR);
    const truce = () => theTruce({ endsAt });

    it('accepts a new effectiveAt before it', () => {
      const data = anEffectiveTimeRevised({ effectiveAt: shift(endsAt, -1) }).data;

      expect(decideTruce(truceCommand.reviseEffectiveTime(data), truce())).toEqual([{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data }]);
    });

    it('refuses one at endsAt: TRUCE.ENDS_BEFORE_EFFECTIVE (rejected)', () => {
      const error = refusal(() => decideTruce(truceCommand.reviseEffectiveTime(anEffectiveTimeRevised({ effectiveAt: endsAt }).data), truce()));

      expect(error).toMatchObject({ code: 'TRUCE.ENDS_BEFORE_EFFECTIVE', kind: 'rejected' });
    });

    it('refuses one after endsAt: TRUCE.ENDS_BEFORE_EFFECTIVE (rejected)', () => {
      const error = refusal(() => decideTruce(truceCommand.reviseEffectiveTime(anEffectiveTimeRevised({ effectiveAt: shift(endsAt, HOUR) }).data), truce()));

      expect(error).toMatchObject({ code: 'TRUCE.ENDS_BEFORE_EFFECTIVE', kind: 'rejected' });
    });
  });

  it('accepts a revision while the truce is suspended', () => {
    const data = anEffectiveTimeRevised().data;

    expect(decideTruce(truceCommand.reviseEffectiveTime(data), given(aTruceSuspended()))).toEqual([
      { type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data },
    ]);
  });

  // Corrections are always possible (DOMAIN.md): monitors learn the right instant late.
  it.each([
    ['collapsed', aTruceCollapsed()],
    ['ended', aTruceEnded()],
  ])('given a %s truce, a revision is still accepted', (_, over) => {
    const data = anEffectiveTimeRevised().data;

    expect(decideTruce(truceCommand.reviseEffectiveTime(data), given(over))).toEqual([{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data }]);
  });
});

describe('suspendTruce', () => {
  it('given an open truce, when Russia suspends it, then TruceSuspended with the data unchanged', () => {
    const data = aTruceSuspended().data;

    expect(decideTruce(truceCommand.suspend(data), theTruce())).toEqual([{ type: 'TruceSuspended', schemaVersion: 1, data }]);
  });

  it('given a suspended truce, then TRUCE.ALREADY_SUSPENDED (rejected)', () => {
    const error = refusal(() => decideTruce(truceCommand.suspend(aTruceSuspended({ at: shift(EFFECTIVE_AT, 5 * HOUR) }).data), given(aTruceSuspended())));

    expect(error).toMatchObject({ code: 'TRUCE.ALREADY_SUSPENDED', kind: 'rejected' });
  });

  it('given a suspension and its resumption, a new suspension is accepted', () => {
    const data = aTruceSuspended({ at: shift(EFFECTIVE_AT, 5 * HOUR) }).data;

    expect(decideTruce(truceCommand.suspend(data), given(aTruceSuspended(), aTruceResumed()))).toEqual([{ type: 'TruceSuspended', schemaVersion: 1, data }]);
  });

  // Monitors enter claims late: an earlier suspension may be filled in after a later one.
  it('judges by the latest mark recorded: an earlier suspension can be filled in after a resumption', () => {
    const data = aTruceSuspended({ at: shift(EFFECTIVE_AT, HOUR / 2) }).data;

    expect(decideTruce(truceCommand.suspend(data), given(aTruceSuspended(), aTruceResumed()))).toEqual([{ type: 'TruceSuspended', schemaVersion: 1, data }]);
  });

  it.each([
    ['collapsed', aTruceCollapsed()],
    ['ended', aTruceEnded()],
  ])('given a %s truce, a suspension (at any instant) is still accepted', (_, over) => {
    for (const at of [shift(EFFECTIVE_AT, HOUR), shift(EFFECTIVE_AT, 30 * DAY)]) {
      const data = aTruceSuspended({ at }).data;
      expect(decideTruce(truceCommand.suspend(data), given(over))).toEqual([{ type: 'TruceSuspended', schemaVersion: 1, data }]);
    }
  });

  // Valid time, not record order: an earlier suspension can be back-filled while a later one is open.
  it('accepts an earlier suspension while a later one is still open, and refuses one inside it', () => {
    const state = given(aTruceSuspended({ at: shift(EFFECTIVE_AT, 10 * HOUR) }));
    const earlier = aTruceSuspended({ at: shift(EFFECTIVE_AT, HOUR) }).data;

    expect(decideTruce(truceCommand.suspend(earlier), state)).toEqual([{ type: 'TruceSuspended', schemaVersion: 1, data: earlier }]);
    expect(refusal(() => decideTruce(truceCommand.suspend(aTruceSuspended({ at: shift(EFFECTIVE_AT, 11 * HOUR) }).data), state))).toMatchObject({
      code: 'TRUCE.ALREADY_SUSPENDED',
    });
  });

  it('judges a suspension given no `at` at the instant the server decides (now)', () => {
    const state = given(aTruceSuspended({ at: shift(EFFECTIVE_AT, 10 * HOUR) }));
    const data = aTruceSuspended({ at: null }).data;

    expect(decideTruce(truceCommand.suspend(data, TRUCE_ID, shift(EFFECTIVE_AT, HOUR)), state)).toEqual([{ type: 'TruceSuspended', schemaVersion: 1, data }]);
    expect(refusal(() => decideTruce(truceCommand.suspend(data, TRUCE_ID, shift(EFFECTIVE_AT, 11 * HOUR)), state))).toMatchObject({
      code: 'TRUCE.ALREADY_SUSPENDED',
    });
  });
});

describe('resumeTruce', () => {
  it('given a suspended truce, when it is resumed later, then TruceResumed with the data unchanged', () => {
    const data = aTruceResumed().data;

    expect(decideTruce(truceCommand.resume(data), given(aTruceSuspended()))).toEqual([{ type: 'TruceResumed', schemaVersion: 1, data }]);
  });

  it('given a truce never suspended, then TRUCE.NOT_SUSPENDED (rejected)', () => {
    expect(refusal(() => decideTruce(truceCommand.resume(aTruceResumed().data), theTruce()))).toMatchObject({ code: 'TRUCE.NOT_SUSPENDED', kind: 'rejected' });
  });

  it('given a truce already resumed, then TRUCE.NOT_SUSPENDED (rejected)', () => {
    const state = given(aTruceSuspended(), aTruceResumed());

    expect(refusal(() => decideTruce(truceCommand.resume(aTruceResumed({ at: shift(EFFECTIVE_AT, 4 * HOUR) }).data), state))).toMatchObject({
      code: 'TRUCE.NOT_SUSPENDED',
      kind: 'rejected',
    });
  });

  it('refuses a resumption at or before the suspension it ends: TRUCE.RESUMED_BEFORE_SUSPENDED (rejected)', () => {
    const suspendedAt = shift(EFFECTIVE_AT, 2 * HOUR);
    const state = given(aTruceSuspended({ at: suspendedAt }));

    expect(refusal(() => decideTruce(truceCommand.resume(aTruceResumed({ at: suspendedAt }).data), state))).toMatchObject({
      code: 'TRUCE.RESUMED_BEFORE_SUSPENDED',
      kind: 'rejected',
    });
    // Before it, the truce was not suspended at all.
    for (const at of [shift(suspendedAt, -1), EFFECTIVE_AT]) {
      expect(refusal(() => decideTruce(truceCommand.resume(aTruceResumed({ at }).data), state))).toMatchObject({ code: 'TRUCE.NOT_SUSPENDED' });
    }
    const data = aTruceResumed({ at: shift(suspendedAt, 1) }).data;
    expect(decideTruce(truceCommand.resume(data), state)).toEqual([{ type: 'TruceResumed', schemaVersion: 1, data }]);
  });

  it('ends the suspension recorded last, even when it was filled in for an earlier instant', () => {
    const state = given(aTruceSuspended(), aTruceResumed(), aTruceSuspended({ at: shift(EFFECTIVE_AT, HOUR / 2) }));
    const data = aTruceResumed({ at: shift(EFFECTIVE_AT, HOUR) }).data;

    expect(decideTruce(truceCommand.resume(data), state)).toEqual([{ type: 'TruceResumed', schemaVersion: 1, data }]);
  });

  it.each([
    ['collapsed', aTruceCollapsed()],
    ['ended', aTruceEnded()],
  ])('given a truce %s while suspended, a resumption is still accepted', (_, over) => {
    const data = aTruceResumed().data;

    expect(decideTruce(truceCommand.resume(data), given(aTruceSuspended(), over))).toEqual([{ type: 'TruceResumed', schemaVersion: 1, data }]);
  });

  it('ends a back-filled suspension while a later one stays open', () => {
    const state = given(aTruceSuspended({ at: shift(EFFECTIVE_AT, 10 * HOUR) }), aTruceSuspended({ at: shift(EFFECTIVE_AT, HOUR) }));
    const data = aTruceResumed({ at: shift(EFFECTIVE_AT, 2 * HOUR) }).data;

    expect(decideTruce(truceCommand.resume(data), state)).toEqual([{ type: 'TruceResumed', schemaVersion: 1, data }]);
    const resumed = given(aTruceSuspended({ at: shift(EFFECTIVE_AT, 10 * HOUR) }), aTruceSuspended({ at: shift(EFFECTIVE_AT, HOUR) }), aTruceResumed(data));
    expect(computeTruceStatus(resumed, [], shift(EFFECTIVE_AT, 5 * HOUR)).status).toBe('holding');
    expect(computeTruceStatus(resumed, [], shift(EFFECTIVE_AT, 11 * HOUR)).status).toBe('suspended');
    // Between the two suspensions the truce was not suspended: nothing to resume there.
    expect(refusal(() => decideTruce(truceCommand.resume(aTruceResumed({ at: shift(EFFECTIVE_AT, 5 * HOUR) }).data), resumed))).toMatchObject({
      code: 'TRUCE.NOT_SUSPENDED',
    });
  });
});

describe('suspend and resume, as the status sees them', () => {
  // Decide, then fold what was decided: the marks accepted give the intervals the status shows.
  function decideAll(): TruceState {
    const steps: ((s: TruceState) => TruceEvent[])[] = [
      (s) => decideTruce(truceCommand.suspend(aTruceSuspended({ at: '2020-10-10T10:00:00.000Z' }).data), s),
      (s) => decideTruce(truceCommand.resume(aTruceResumed({ at: '2020-10-10T11:00:00.000Z' }).data), s),
      // filled in afterwards: an earlier suspension, 08:30–09:00
      (s) => decideTruce(truceCommand.suspend(aTruceSuspended({ at: '2020-10-10T08:30:00.000Z' }).data), s),
      (s) => decideTruce(truceCommand.resume(aTruceResumed({ at: '2020-10-10T09:00:00.000Z' }).data), s),
    ];
    const events: TruceEvent[] = [aTruceAgreed()];
    for (const step of steps) events.push(...step(truceFrom(events)));
    return truceFrom(events);
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

    expect(decideTruce(truceCommand.recordMilestone(data), given(aTruceSuspended()))).toEqual([{ type: 'PurposeMilestoneRecorded', schemaVersion: 1, data }]);
  });

  it('refuses a literal "__proto__" key in counts as a non-party: TRUCE.NOT_A_PARTY (rejected)', () => {
    const counts = JSON.parse('{"ARM": 1, "__proto__": 2}') as Record<string, number>;

    expect(refusal(() => decideTruce(truceCommand.recordMilestone(aMilestoneRecorded({ counts }).data), theTruce()))).toMatchObject({
      code: 'TRUCE.NOT_A_PARTY',
      kind: 'rejected',
    });
  });
});
