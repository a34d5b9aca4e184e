// Unit tests of the truce stream: evolve (events → state) and decide (command + state →
// events or DomainError). Reference case: the 10 October 2020 truce as reported by AP via
// NewsClick, 10 Oct 2020; see test/support/domain-builders.ts.
import { decideTruce, evolveTruce, requireTruce, TruceEvent, TruceState } from './truce';
import { requirePartyOf } from './truce-facts';
import {
  ARM,
  AZE,
  aMilestoneRecorded,
  anEffectiveTimeRevised,
  aTruceAgreed,
  aTruceCollapsed,
  aTruceEnded,
  aTruceReopened,
  aTruceResumed,
  aTruceSuspended,
  DAY,
  EFFECTIVE_AT,
  HOUR,
  recorded,
  refusal,
  shift,
  SUCCESSOR_TRUCE_ID,
  theTruce,
  TRUCE_ID,
  truceCommand,
  truceFrom,
} from '../../../test/support/domain-builders';

describe('evolveTruce', () => {
  it('TruceAgreed starts the state from the event data, with nothing yet declared', () => {
    const agreed = aTruceAgreed();
    const state = evolveTruce(null, recorded(agreed, { recordedAt: '2020-10-10T00:30:00.000Z', streamVersion: 1 }));

    expect(state).toEqual<TruceState>({
      ...agreed.data,
      effectiveAtHistory: [{ effectiveAt: agreed.data.effectiveAt, effectiveAtSource: agreed.data.effectiveAtSource, recordedAt: '2020-10-10T00:30:00.000Z' }],
      collapsed: null,
      ended: null,
      endingHistory: [],
      suspensions: [],
      milestones: [],
      recordedAt: '2020-10-10T00:30:00.000Z',
      updatedAt: '2020-10-10T00:30:00.000Z',
      version: 1,
    });
  });

  it('ignores a non-initial event on an empty stream', () => {
    expect(evolveTruce(null, recorded(aTruceCollapsed()))).toBeNull();
  });

  it('TruceEffectiveTimeRevised replaces effectiveAt and its source words, and bumps the version', () => {
    const state = truceFrom([aTruceAgreed(), anEffectiveTimeRevised()]);

    expect(state.effectiveAt).toBe('2020-10-10T09:00:00.000Z');
    expect(state.effectiveAtSource).toEqual({ text: '12:00 Moscow time', timezone: 'Europe/Moscow' });
    expect(state.version).toBe(2);
  });

  // The old words described the old instant; they must not be shown beside the new one.
  it('TruceEffectiveTimeRevised without a source clears the earlier source words', () => {
    const state = truceFrom([aTruceAgreed(), anEffectiveTimeRevised({ effectiveAtSource: null })]);

    expect(state.effectiveAt).toBe('2020-10-10T09:00:00.000Z');
    expect(state.effectiveAtSource).toBeNull();
  });

  it('TruceSuspended and TruceResumed append marks in record order, with their record time', () => {
    const suspended = aTruceSuspended({ at: '2020-10-10T10:00:00.000Z' });
    const resumed = aTruceResumed({ at: '2020-10-10T11:00:00.000Z' });
    const state = truceFrom([
      recorded(aTruceAgreed(), { streamVersion: 1 }),
      recorded(suspended, { streamVersion: 2, recordedAt: '2020-10-10T10:05:00.000Z' }),
      recorded(resumed, { streamVersion: 3, recordedAt: '2020-10-10T11:05:00.000Z' }),
    ]);

    expect(state.suspensions).toEqual([
      { type: 'suspended', at: '2020-10-10T10:00:00.000Z', by: 'Russia', reason: 'talks broke off', recordedAt: '2020-10-10T10:05:00.000Z' },
      { type: 'resumed', at: '2020-10-10T11:00:00.000Z', by: 'Russia', reason: 'talks resumed', recordedAt: '2020-10-10T11:05:00.000Z' },
    ]);
    expect(state.version).toBe(3);
  });

  it('TruceCollapsed records who declared it, why and from when', () => {
    const state = truceFrom([aTruceAgreed(), aTruceCollapsed({ declaredBy: 'Russia', at: '2020-10-11T06:00:00.000Z' })]);

    expect(state.collapsed).toEqual({
      at: '2020-10-11T06:00:00.000Z',
      declaredBy: 'Russia',
      reason: 'full-scale fighting resumed',
      recordedAt: '2020-10-10T12:00:00.000Z',
    });
    expect(state.ended).toBeNull();
  });

  it('TruceEnded records the reason, the successor and from when', () => {
    const state = truceFrom([aTruceAgreed(), aTruceEnded()]);

    expect(state.ended).toEqual({
      at: '2020-10-18T00:00:00.000Z',
      reason: 'superseded',
      successorTruceId: SUCCESSOR_TRUCE_ID,
      recordedAt: '2020-10-10T12:00:00.000Z',
    });
    expect(state.collapsed).toBeNull();
  });

  it('PurposeMilestoneRecorded appends a milestone with its record time', () => {
    const milestone = aMilestoneRecorded({ kind: 'prisoner_exchange', state: 'postponed', counts: { ARM: 3, AZE: 2 } });
    const state = truceFrom([
      recorded(aTruceAgreed(), { streamVersion: 1 }),
      recorded(milestone, { streamVersion: 2, recordedAt: '2020-10-10T15:00:00.000Z' }),
    ]);

    expect(state.milestones).toEqual([
      {
        kind: 'prisoner_exchange',
        state: 'postponed',
        counts: { ARM: 3, AZE: 2 },
        facilitator: 'ICRC',
        at: milestone.data.at,
        recordedAt: '2020-10-10T15:00:00.000Z',
      },
    ]);
  });

  it('does not mutate the state it is given', () => {
    const before = theTruce();
    const snapshot = structuredClone(before);

    evolveTruce(before, recorded(aTruceSuspended(), { streamVersion: 2 }));
    evolveTruce(before, recorded(aMilestoneRecorded(), { streamVersion: 2 }));

    expect(before).toEqual(snapshot);
  });
});

describe('agreeTruce', () => {
  it('given no stream, when the reference truce is agreed, then TruceAgreed carries the data unchanged', () => {
    const data = aTruceAgreed().data;

    expect(decideTruce(truceCommand.agree(data), null)).toEqual([{ type: 'TruceAgreed', schemaVersion: 1, data }]);
  });

  it('accepts an endsAt later than effectiveAt', () => {
    const data = aTruceAgreed({ endsAt: '2020-10-10T08:00:00.001Z' }).data;

    expect(decideTruce(truceCommand.agree(data), null)).toEqual([{ type: 'TruceAgreed', schemaVersion: 1, data }]);
  });

  it('given the truce already exists, then TRUCE.ALREADY_EXISTS (conflict)', () => {
    const error = refusal(() => decideTruce(truceCommand.agree(aTruceAgreed().data), theTruce()));

    expect(error).toMatchObject({ code: 'TRUCE.ALREADY_EXISTS', kind: 'conflict' });
  });

  it('refuses a party listed twice: TRUCE.DUPLICATE_PARTY (rejected)', () => {
    const error = refusal(() => decideTruce(truceCommand.agree(aTruceAgreed({ parties: [ARM, AZE, { id: 'ARM', name: 'Armenia (again)' }] }).data), null));

    expect(error).toMatchObject({ code: 'TRUCE.DUPLICATE_PARTY', kind: 'rejected' });
  });

  it('refuses fewer than two parties: TRUCE.TOO_FEW_PARTIES (rejected)', () => {
    expect(refusal(() => decideTruce(truceCommand.agree(aTruceAgreed({ parties: [ARM] }).data), null))).toMatchObject({
      code: 'TRUCE.TOO_FEW_PARTIES',
      kind: 'rejected',
    });
    expect(refusal(() => decideTruce(truceCommand.agree(aTruceAgreed({ parties: [] }).data), null))).toMatchObject({
      code: 'TRUCE.TOO_FEW_PARTIES',
      kind: 'rejected',
    });
  });

  it('refuses endsAt equal to effectiveAt: TRUCE.ENDS_BEFORE_EFFECTIVE (rejected)', () => {
    const error = refusal(() => decideTruce(truceCommand.agree(aTruceAgreed({ endsAt: EFFECTIVE_AT }).data), null));

    expect(error).toMatchObject({ code: 'TRUCE.ENDS_BEFORE_EFFECTIVE', kind: 'rejected' });
  });

  it('refuses endsAt before effectiveAt: TRUCE.ENDS_BEFORE_EFFECTIVE (rejected)', () => {
    const error = refusal(() => decideTruce(truceCommand.agree(aTruceAgreed({ endsAt: '2020-10-09T08:00:00.000Z' }).data), null));

    expect(error).toMatchObject({ code: 'TRUCE.ENDS_BEFORE_EFFECTIVE', kind: 'rejected' });
  });
});

describe('requireTruce', () => {
  it('returns the state when the truce is recorded', () => {
    const state = theTruce();

    expect(requireTruce(state, TRUCE_ID)).toBe(state);
  });

  it('refuses an unknown truce: TRUCE.NOT_FOUND (not_found)', () => {
    const error = refusal(() => requireTruce(null, TRUCE_ID));

    expect(error).toMatchObject({ code: 'TRUCE.NOT_FOUND', kind: 'not_found' });
    expect(error.message).toContain(TRUCE_ID);
  });
});

describe('collapseTruce', () => {
  it('given an open truce, when collapse is declared, then TruceCollapsed', () => {
    const data = aTruceCollapsed().data;

    expect(decideTruce(truceCommand.collapse(data), theTruce())).toEqual([{ type: 'TruceCollapsed', schemaVersion: 1, data }]);
  });

  it('given a suspended truce, collapse is still accepted', () => {
    const data = aTruceCollapsed().data;

    expect(decideTruce(truceCommand.collapse(data), truceFrom([aTruceAgreed(), aTruceSuspended()]))).toEqual([
      { type: 'TruceCollapsed', schemaVersion: 1, data },
    ]);
  });

  it.each([
    ['collapsed', aTruceCollapsed()],
    ['ended', aTruceEnded()],
  ])('given a %s truce, a later collapse (a correction) is still accepted', (_, over) => {
    const data = aTruceCollapsed({ at: shift(EFFECTIVE_AT, 2 * HOUR), reason: 'it collapsed earlier than first recorded' }).data;

    expect(decideTruce(truceCommand.collapse(data), truceFrom([aTruceAgreed(), over]))).toEqual([{ type: 'TruceCollapsed', schemaVersion: 1, data }]);
  });
});

describe('endTruce', () => {
  it('given an open truce, when it is superseded by another, then TruceEnded', () => {
    const data = aTruceEnded().data;

    expect(decideTruce(truceCommand.end(data), theTruce())).toEqual([{ type: 'TruceEnded', schemaVersion: 1, data }]);
  });

  it('accepts expiry without a successor', () => {
    const data = aTruceEnded({ reason: 'expired', successorTruceId: null }).data;

    expect(decideTruce(truceCommand.end(data), theTruce())).toEqual([{ type: 'TruceEnded', schemaVersion: 1, data }]);
  });

  it('accepts purpose_fulfilled without a successor', () => {
    const data = aTruceEnded({ reason: 'purpose_fulfilled', successorTruceId: null }).data;

    expect(decideTruce(truceCommand.end(data), theTruce())).toEqual([{ type: 'TruceEnded', schemaVersion: 1, data }]);
  });

  it('refuses superseded without a successor: TRUCE.SUCCESSOR_REQUIRED (rejected)', () => {
    expect(refusal(() => decideTruce(truceCommand.end(aTruceEnded({ successorTruceId: null }).data), theTruce()))).toMatchObject({
      code: 'TRUCE.SUCCESSOR_REQUIRED',
      kind: 'rejected',
    });
    expect(refusal(() => decideTruce(truceCommand.end(aTruceEnded({ successorTruceId: '' }).data), theTruce()))).toMatchObject({
      code: 'TRUCE.SUCCESSOR_REQUIRED',
      kind: 'rejected',
    });
  });

  it('refuses a truce superseding itself: TRUCE.SELF_SUCCESSOR (rejected)', () => {
    const error = refusal(() => decideTruce(truceCommand.end(aTruceEnded({ successorTruceId: TRUCE_ID }).data), theTruce()));

    expect(error).toMatchObject({ code: 'TRUCE.SELF_SUCCESSOR', kind: 'rejected' });
  });

  it.each([
    ['collapsed', aTruceCollapsed()],
    ['ended', aTruceEnded({ reason: 'expired', successorTruceId: null })],
  ])('given a %s truce, a later end (a correction) is still accepted', (_, over) => {
    const data = aTruceEnded().data;

    expect(decideTruce(truceCommand.end(data), truceFrom([aTruceAgreed(), over]))).toEqual([{ type: 'TruceEnded', schemaVersion: 1, data }]);
  });

  it('refuses a successor that is not a recorded truce: TRUCE.UNKNOWN_SUCCESSOR (rejected)', () => {
    const error = refusal(() => decideTruce(truceCommand.end(aTruceEnded().data, TRUCE_ID, false), theTruce()));

    expect(error).toMatchObject({ code: 'TRUCE.UNKNOWN_SUCCESSOR', kind: 'rejected' });
    expect(error.message).toContain(SUCCESSOR_TRUCE_ID);
  });
});

describe('reopenTruce', () => {
  const reopened = aTruceReopened().data;

  it.each([
    ['collapsed', [aTruceCollapsed()]],
    ['ended', [aTruceEnded()]],
    ['collapsed and ended', [aTruceCollapsed(), aTruceEnded()]],
  ])('given a %s truce, then TruceReopened', (_, events) => {
    expect(decideTruce(truceCommand.reopen(reopened), truceFrom([aTruceAgreed(), ...events]))).toEqual([
      { type: 'TruceReopened', schemaVersion: 1, data: reopened },
    ]);
  });

  it('refuses when no collapse or end counts: TRUCE.NOTHING_TO_REOPEN (rejected) — never recorded, or already withdrawn', () => {
    for (const state of [theTruce(), truceFrom([aTruceAgreed(), aTruceCollapsed(), aTruceReopened()])]) {
      expect(refusal(() => decideTruce(truceCommand.reopen(reopened), state))).toMatchObject({ code: 'TRUCE.NOTHING_TO_REOPEN', kind: 'rejected' });
    }
  });

  it('withdraws every collapse and end recorded before it; one recorded after it counts again', () => {
    const withdrawn = truceFrom([aTruceAgreed(), aTruceCollapsed(), aTruceEnded(), aTruceCollapsed({ reason: 'again' }), aTruceReopened()]);
    expect(withdrawn).toMatchObject({ collapsed: null, ended: null });

    const later = truceFrom([
      aTruceAgreed(),
      aTruceCollapsed(),
      aTruceReopened(),
      aTruceCollapsed({ reason: 'really collapsed', at: shift(EFFECTIVE_AT, 2 * DAY) }),
    ]);
    expect(later.collapsed).toMatchObject({ reason: 'really collapsed', at: shift(EFFECTIVE_AT, 2 * DAY) });
    expect(later.endingHistory.map((m) => m.kind)).toEqual(['collapsed', 'reopened', 'collapsed']);
  });

  it('per kind, the latest recorded collapse counts, whatever its effective instant', () => {
    const state = truceFrom([
      aTruceAgreed(),
      aTruceCollapsed({ at: shift(EFFECTIVE_AT, DAY) }),
      aTruceCollapsed({ at: shift(EFFECTIVE_AT, 2 * DAY), reason: 'corrected' }),
    ]);

    expect(state.collapsed).toMatchObject({ reason: 'corrected', at: shift(EFFECTIVE_AT, 2 * DAY) });
  });
});

describe('an effective instant left out', () => {
  it('is the instant the event was recorded, for every lifecycle event (never the clock at decision time)', () => {
    const recordedAt = '2020-10-12T06:07:08.009Z';
    const at = (e: TruceEvent) => truceFrom([aTruceAgreed(), recorded(e, { recordedAt, streamVersion: 2 })]);

    expect(at(aTruceSuspended({ at: null })).suspensions[0].at).toBe(recordedAt);
    expect(at(aTruceCollapsed({ at: null })).collapsed?.at).toBe(recordedAt);
    expect(at(aTruceEnded({ at: null })).ended?.at).toBe(recordedAt);
    expect(at(aMilestoneRecorded({ at: null })).milestones[0].at).toBe(recordedAt);
  });
});

describe('recordMilestone', () => {
  it('given the truce, when a milestone with counts for its parties is recorded, then PurposeMilestoneRecorded', () => {
    const data = aMilestoneRecorded({ counts: { ARM: 5, AZE: 4 } }).data;

    expect(decideTruce(truceCommand.recordMilestone(data), theTruce())).toEqual([{ type: 'PurposeMilestoneRecorded', schemaVersion: 1, data }]);
  });

  it('accepts a milestone without counts', () => {
    const data = aMilestoneRecorded({ state: 'scheduled', counts: {} }).data;

    expect(decideTruce(truceCommand.recordMilestone(data), theTruce())).toEqual([{ type: 'PurposeMilestoneRecorded', schemaVersion: 1, data }]);
  });

  it('refuses counts for a non-party: TRUCE.NOT_A_PARTY (rejected), naming the field', () => {
    const error = refusal(() => decideTruce(truceCommand.recordMilestone(aMilestoneRecorded({ counts: { ARM: 1, RUS: 1 } }).data), theTruce()));

    expect(error).toMatchObject({ code: 'TRUCE.NOT_A_PARTY', kind: 'rejected' });
    expect(error.message).toContain("counts: 'RUS'");
  });
});

describe('requirePartyOf', () => {
  it('returns the party when the id is one of the truce parties', () => {
    expect(requirePartyOf(theTruce(), 'AZE', 'accusedParty')).toEqual(AZE);
  });

  it('refuses a mediator, who is not a party: TRUCE.NOT_A_PARTY (rejected), listing the parties', () => {
    const error = refusal(() => requirePartyOf(theTruce(), 'Russia', 'accusedParty'));

    expect(error).toMatchObject({ code: 'TRUCE.NOT_A_PARTY', kind: 'rejected' });
    expect(error.message).toBe("accusedParty: 'Russia' is not a party of this truce (parties: ARM, AZE).");
  });
});
