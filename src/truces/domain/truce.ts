import { DomainError } from '../../common/domain/domain-error';
import { DomainEvent, Recorded, Source } from '../../common/domain/domain-event';
import { evolveZones, ZoneEvent, ZoneRecord } from '../../zones/domain/zone';
import { Party, requirePartyOf } from './truce-facts';

// ---- events: type strings are stable; never rename one, add a schemaVersion instead ----

export const PURPOSES = ['prisoner_exchange', 'remains_exchange', 'humanitarian_access', 'political_talks', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const END_REASONS = ['expired', 'superseded', 'purpose_fulfilled'] as const;
export type EndReason = (typeof END_REASONS)[number];

export const MILESTONE_KINDS = ['prisoner_exchange', 'remains_transfer'] as const;
export const MILESTONE_STATES = ['scheduled', 'completed', 'postponed'] as const;

export interface EffectiveAtSource {
  text: string;
  timezone: string;
}

/** The truce as agreed: the data of TruceAgreed, and the start of every state. */
export interface TruceTerms {
  truceId: string;
  name: string;
  parties: Party[];
  mediators: string[];
  purposes: Purpose[];
  effectiveAt: string;
  effectiveAtSource: EffectiveAtSource | null;
  endsAt: string | null;
  terms: string | null;
  sources: Source[];
}

export type TruceAgreed = DomainEvent<'TruceAgreed', TruceTerms>;

export type TruceEffectiveTimeRevised = DomainEvent<
  'TruceEffectiveTimeRevised',
  { effectiveAt: string; effectiveAtSource: EffectiveAtSource | null; reason: string; sources: Source[] }
>;

/**
 * The effective instant of a lifecycle change: `null` when the request gave none, and then the
 * instant it was recorded (DOMAIN.md) — resolved by the fold, so the two can never differ.
 */
export type EffectiveInstant = string | null;

export type TruceSuspended = DomainEvent<'TruceSuspended', { by: string; reason: string; at: EffectiveInstant; sources: Source[] }>;
export type TruceResumed = DomainEvent<'TruceResumed', { by: string; reason: string; at: EffectiveInstant; sources: Source[] }>;

export type TruceCollapsed = DomainEvent<'TruceCollapsed', { declaredBy: string; reason: string; at: EffectiveInstant; sources: Source[] }>;

export type TruceEnded = DomainEvent<'TruceEnded', { reason: EndReason; successorTruceId: string | null; at: EffectiveInstant; sources: Source[] }>;

/** Withdraws every collapse and end recorded before it (one recorded in error). */
export type TruceReopened = DomainEvent<'TruceReopened', { reason: string; sources: Source[] }>;

export type PurposeMilestoneRecorded = DomainEvent<
  'PurposeMilestoneRecorded',
  {
    kind: (typeof MILESTONE_KINDS)[number];
    state: (typeof MILESTONE_STATES)[number];
    counts: Record<string, number>;
    facilitator: string | null;
    at: EffectiveInstant;
    sources: Source[];
  }
>;

export type TruceEvent =
  TruceAgreed | TruceEffectiveTimeRevised | TruceSuspended | TruceResumed | TruceCollapsed | TruceEnded | TruceReopened | PurposeMilestoneRecorded;

/** Everything a truce stream holds: the truce's own events, and the zones defined on it (decided in src/zones). */
export type TruceStreamEvent = TruceEvent | ZoneEvent;

export const TRUCE_STREAM_PREFIX = 'truce-';
export const truceStreamId = (truceId: string): string => `${TRUCE_STREAM_PREFIX}${truceId}`;

// ---- commands: what may be asked of a truce, as data ----

/**
 * One case per request the API takes. Each carries the data of the event it asks for, already
 * complete, and what only the server knows is filled in before deciding, so decideTruce reads no
 * clock and no other stream: `now`, the instant a change given no `at` is judged at (it takes
 * effect when recorded, a moment later), and whether a successor truce is recorded.
 */
export type TruceCommand =
  | { type: 'AgreeTruce'; truceId: string; data: Omit<TruceTerms, 'truceId'> }
  | { type: 'ReviseEffectiveTime'; truceId: string; data: TruceEffectiveTimeRevised['data'] }
  | { type: 'SuspendTruce'; truceId: string; data: TruceSuspended['data']; now: string }
  | { type: 'ResumeTruce'; truceId: string; data: TruceResumed['data']; now: string }
  | { type: 'CollapseTruce'; truceId: string; data: TruceCollapsed['data'] }
  | { type: 'EndTruce'; truceId: string; data: TruceEnded['data']; successorRecorded?: boolean }
  | { type: 'ReopenTruce'; truceId: string; data: TruceReopened['data'] }
  | { type: 'RecordMilestone'; truceId: string; data: PurposeMilestoneRecorded['data'] };

// ---- state: the fold of the stream ----

/** A lifecycle change with its effective instant (valid time) and when it was recorded. */
export interface LifecycleMark {
  type: 'suspended' | 'resumed';
  at: string;
  by: string;
  reason: string;
  recordedAt: string;
}

export interface Milestone {
  kind: string;
  state: string;
  counts: Record<string, number>;
  facilitator: string | null;
  at: string;
  recordedAt: string;
}

export interface CollapseMark {
  at: string;
  declaredBy: string;
  reason: string;
  recordedAt: string;
}

export interface EndMark {
  at: string;
  reason: EndReason;
  successorTruceId: string | null;
  recordedAt: string;
}

/** Every collapse, end and reopening, in the order recorded: which ones count follows from it. */
export type EndingMark =
  ({ kind: 'collapsed' } & CollapseMark) | ({ kind: 'ended' } & EndMark) | { kind: 'reopened'; reason: string; sources: Source[]; recordedAt: string };

/** Everything the record says of one truce: the fold of its stream. */
export interface TruceState extends TruceTerms {
  /** Every effective instant the record has held, with when it was recorded (first: as agreed). */
  effectiveAtHistory: { effectiveAt: string; effectiveAtSource: EffectiveAtSource | null; recordedAt: string }[];
  /** The collapse that counts: the latest recorded, unless a later reopening withdrew it. */
  collapsed: CollapseMark | null;
  /** The end that counts, likewise. */
  ended: EndMark | null;
  endingHistory: EndingMark[];
  suspensions: LifecycleMark[];
  milestones: Milestone[];
  /** Zones defined on the truce, in the order defined (src/zones); absent from states folded before zones existed. */
  zones?: ZoneRecord[];
  recordedAt: string;
  /** When the last event of the stream was recorded. */
  updatedAt: string;
  version: number;
}

/** Before TruceAgreed there is no truce. */
export const initialTruceState: TruceState | null = null;

/**
 * The version of what evolveTruce makes of a stream. Read-model rows carry the version that
 * wrote them: bump it with any change to the shape or meaning of TruceState, and rows folded by
 * another version are rebuilt at start-up instead of being served (docs/adr/0005).
 */
// 2: endingHistory (corrections and reopenings); an `at` left out is the recorded-at.
export const TRUCE_FOLD_VERSION = 2;

/** The collapse and end that count after these marks (DOMAIN.md): a reopening withdraws all before it. */
export function countingEndings(history: readonly EndingMark[]): Pick<TruceState, 'collapsed' | 'ended'> {
  let collapsed: CollapseMark | null = null;
  let ended: EndMark | null = null;
  for (const mark of history) {
    if (mark.kind === 'reopened') {
      collapsed = null;
      ended = null;
    } else if (mark.kind === 'collapsed') {
      const { kind: _, ...rest } = mark;
      collapsed = rest;
    } else {
      const { kind: _, ...rest } = mark;
      ended = rest;
    }
  }
  return { collapsed, ended };
}

/** The recorded end of the truce that counts: the collapse or end with the earlier effective instant (a collapse on a tie). */
export function recordedEnd(truce: Pick<TruceState, 'collapsed' | 'ended'>): { kind: 'collapsed' | 'ended'; at: string; reason: string } | null {
  const { collapsed, ended } = truce;
  if (collapsed && (!ended || Date.parse(collapsed.at) <= Date.parse(ended.at))) return { kind: 'collapsed', at: collapsed.at, reason: collapsed.reason };
  if (ended) return { kind: 'ended', at: ended.at, reason: ended.reason };
  return null;
}

/** X of DOMAIN.md: the earliest of the counting collapse, the counting end and endsAt; null while the truce runs. */
export function endInstant(truce: Pick<TruceState, 'collapsed' | 'ended' | 'endsAt'>): string | null {
  const candidates = [truce.collapsed?.at, truce.ended?.at, truce.endsAt].filter((x): x is string => !!x);
  if (!candidates.length) return null;
  return candidates.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
}

/**
 * The suspend/resume mark in effect at T: the latest effective at or before T, ties by the order
 * recorded. The truce is suspended at T when it is a suspension.
 */
export function markInEffect(suspensions: readonly LifecycleMark[], t: number): LifecycleMark | null {
  let latest: { at: number; mark: LifecycleMark } | null = null;
  for (const mark of suspensions) {
    const at = Date.parse(mark.at);
    if (at <= t && (!latest || at >= latest.at)) latest = { at, mark };
  }
  return latest?.mark ?? null;
}

/** evolve(state, event) → state: pure, deterministic, never reads a clock. */
export function evolveTruce(state: TruceState | null, event: Recorded<TruceStreamEvent>): TruceState | null {
  if (event.type === 'TruceAgreed') {
    const d = event.data;
    return {
      ...d,
      effectiveAtHistory: [{ effectiveAt: d.effectiveAt, effectiveAtSource: d.effectiveAtSource, recordedAt: event.recordedAt }],
      collapsed: null,
      ended: null,
      endingHistory: [],
      suspensions: [],
      milestones: [],
      recordedAt: event.recordedAt,
      updatedAt: event.recordedAt,
      version: event.streamVersion,
    };
  }
  if (state === null) return null;
  const next: TruceState = { ...state, version: event.streamVersion, updatedAt: event.recordedAt };
  switch (event.type) {
    case 'TruceEffectiveTimeRevised':
      next.effectiveAt = event.data.effectiveAt;
      // The source's words belong to the old instant: a revision without new words has none.
      next.effectiveAtSource = event.data.effectiveAtSource ?? null;
      next.effectiveAtHistory = [
        ...state.effectiveAtHistory,
        { effectiveAt: next.effectiveAt, effectiveAtSource: next.effectiveAtSource, recordedAt: event.recordedAt },
      ];
      return next;
    case 'TruceSuspended':
    case 'TruceResumed': {
      const { by, reason } = event.data;
      const type = event.type === 'TruceSuspended' ? 'suspended' : 'resumed';
      next.suspensions = [...state.suspensions, { type, at: effectiveAt(event), by, reason, recordedAt: event.recordedAt }];
      return next;
    }
    case 'TruceCollapsed': {
      const { declaredBy, reason } = event.data;
      return withEnding(next, { kind: 'collapsed', at: effectiveAt(event), declaredBy, reason, recordedAt: event.recordedAt });
    }
    case 'TruceEnded': {
      const { reason, successorTruceId } = event.data;
      return withEnding(next, { kind: 'ended', at: effectiveAt(event), reason, successorTruceId, recordedAt: event.recordedAt });
    }
    case 'TruceReopened':
      return withEnding(next, { kind: 'reopened', reason: event.data.reason, sources: event.data.sources, recordedAt: event.recordedAt });
    case 'PurposeMilestoneRecorded': {
      const { kind, state: milestoneState, counts, facilitator } = event.data;
      const at = effectiveAt(event);
      next.milestones = [...state.milestones, { kind, state: milestoneState, counts, facilitator, at, recordedAt: event.recordedAt }];
      return next;
    }
    case 'ZoneDefined':
    case 'ZoneRetired':
      next.zones = evolveZones(state.zones ?? [], event);
      return next;
  }
}

/** A change given no `at` takes effect when it was recorded. Stored events before this rule always carry one. */
function effectiveAt(event: Recorded<DomainEvent<string, { at: EffectiveInstant }>>): string {
  return event.data.at ?? event.recordedAt;
}

function withEnding(state: TruceState, mark: EndingMark): TruceState {
  const endingHistory = [...state.endingHistory, mark];
  return { ...state, endingHistory, ...countingEndings(endingHistory) };
}

/** A truce stream folded from the start: null when it holds no TruceAgreed. */
export function foldTruce(events: readonly Recorded<TruceStreamEvent>[]): TruceState | null {
  return events.reduce(evolveTruce, initialTruceState);
}

// ---- decide: command + state → events (or a DomainError) ----

export function decideTruce(command: TruceCommand, state: TruceState | null): TruceEvent[] {
  if (command.type === 'AgreeTruce') return agree(state, { truceId: command.truceId, ...command.data });
  const truce = requireTruce(state, command.truceId);
  switch (command.type) {
    case 'ReviseEffectiveTime':
      return reviseEffectiveTime(truce, command.data);
    case 'SuspendTruce':
      return suspend(truce, command.data, command.data.at ?? command.now);
    case 'ResumeTruce':
      return resume(truce, command.data, command.data.at ?? command.now);
    case 'CollapseTruce':
      return collapse(truce, command.data);
    case 'EndTruce':
      return end(truce, command.data, command.successorRecorded === true);
    case 'ReopenTruce':
      return reopen(truce, command.data);
    case 'RecordMilestone':
      return recordMilestone(truce, command.data);
  }
}

export function requireTruce(state: TruceState | null, truceId: string): TruceState {
  if (!state) throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
  return state;
}

function agree(existing: TruceState | null, data: TruceTerms): TruceAgreed[] {
  if (existing) throw DomainError.conflict('TRUCE.ALREADY_EXISTS', `Truce ${data.truceId} already exists.`);
  const ids = data.parties.map((p) => p.id);
  if (new Set(ids).size !== ids.length) {
    throw DomainError.rejected('TRUCE.DUPLICATE_PARTY', 'Each party may appear only once.');
  }
  if (data.parties.length < 2) throw DomainError.rejected('TRUCE.TOO_FEW_PARTIES', 'A truce needs at least two parties.');
  if (data.endsAt !== null && Date.parse(data.endsAt) <= Date.parse(data.effectiveAt)) {
    throw DomainError.rejected('TRUCE.ENDS_BEFORE_EFFECTIVE', 'endsAt must be later than effectiveAt.');
  }
  return [{ type: 'TruceAgreed', schemaVersion: 1, data }];
}

// Nothing is refused because the truce is over (DOMAIN.md, "Corrections are always possible"):
// monitors learn late, so a collapsed or ended truce still takes every correction.

function collapse(_state: TruceState, data: TruceCollapsed['data']): TruceCollapsed[] {
  return [{ type: 'TruceCollapsed', schemaVersion: 1, data }];
}

function end(state: TruceState, data: TruceEnded['data'], successorRecorded: boolean): TruceEnded[] {
  if (data.reason === 'superseded' && !data.successorTruceId) {
    throw DomainError.rejected('TRUCE.SUCCESSOR_REQUIRED', 'A superseded truce needs successorTruceId.');
  }
  if (data.successorTruceId === state.truceId) {
    throw DomainError.rejected('TRUCE.SELF_SUCCESSOR', 'A truce cannot supersede itself.');
  }
  if (data.successorTruceId && !successorRecorded) {
    throw DomainError.rejected('TRUCE.UNKNOWN_SUCCESSOR', `successorTruceId: no truce ${data.successorTruceId} is recorded; record the successor first.`);
  }
  return [{ type: 'TruceEnded', schemaVersion: 1, data }];
}

function reopen(state: TruceState, data: TruceReopened['data']): TruceReopened[] {
  if (!state.collapsed && !state.ended) {
    throw DomainError.rejected('TRUCE.NOTHING_TO_REOPEN', 'The truce has no collapse or end that counts: there is nothing to withdraw.');
  }
  return [{ type: 'TruceReopened', schemaVersion: 1, data }];
}

function reviseEffectiveTime(state: TruceState, data: TruceEffectiveTimeRevised['data']): TruceEffectiveTimeRevised[] {
  const revised = Date.parse(data.effectiveAt);
  if (revised === Date.parse(state.effectiveAt)) {
    throw DomainError.rejected('TRUCE.EFFECTIVE_TIME_UNCHANGED', `effectiveAt is already ${state.effectiveAt}; a revision must change it.`);
  }
  if (state.endsAt !== null && revised >= Date.parse(state.endsAt)) {
    throw DomainError.rejected('TRUCE.ENDS_BEFORE_EFFECTIVE', `effectiveAt must be earlier than the truce's endsAt (${state.endsAt}).`);
  }
  return [{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data }];
}

/*
 * Suspensions are judged in valid time, at the instant the new mark takes effect, so a monitor
 * can fill in an earlier suspension while a later one is still open: suspend 05:00 and resume
 * 06:00 can follow suspend 10:00. A suspension is refused only where the truce is already
 * suspended, a resumption only where it is not.
 */

function suspend(state: TruceState, data: TruceSuspended['data'], at: string): TruceSuspended[] {
  const current = markInEffect(state.suspensions, Date.parse(at));
  if (current?.type === 'suspended') {
    throw DomainError.rejected('TRUCE.ALREADY_SUSPENDED', `The truce is already suspended at ${at} (from ${current.at}); resume it first.`);
  }
  return [{ type: 'TruceSuspended', schemaVersion: 1, data }];
}

function resume(state: TruceState, data: TruceResumed['data'], at: string): TruceResumed[] {
  const current = markInEffect(state.suspensions, Date.parse(at));
  if (current?.type !== 'suspended') throw DomainError.rejected('TRUCE.NOT_SUSPENDED', `The truce is not suspended at ${at}.`);
  // A resumption at the very instant its suspension starts would erase it rather than end it.
  if (Date.parse(at) <= Date.parse(current.at)) {
    throw DomainError.rejected('TRUCE.RESUMED_BEFORE_SUSPENDED', `at must be later than the start of the suspension it ends (${current.at}).`);
  }
  return [{ type: 'TruceResumed', schemaVersion: 1, data }];
}

function recordMilestone(state: TruceState, data: PurposeMilestoneRecorded['data']): PurposeMilestoneRecorded[] {
  for (const partyId of Object.keys(data.counts)) requirePartyOf(state, partyId, 'counts');
  return [{ type: 'PurposeMilestoneRecorded', schemaVersion: 1, data }];
}
