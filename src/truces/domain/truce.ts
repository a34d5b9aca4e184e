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

export type TruceSuspended = DomainEvent<'TruceSuspended', { by: string; reason: string; at: string; sources: Source[] }>;
export type TruceResumed = DomainEvent<'TruceResumed', { by: string; reason: string; at: string; sources: Source[] }>;

export type TruceCollapsed = DomainEvent<'TruceCollapsed', { declaredBy: string; reason: string; at: string; sources: Source[] }>;

export type TruceEnded = DomainEvent<'TruceEnded', { reason: EndReason; successorTruceId: string | null; at: string; sources: Source[] }>;

export type PurposeMilestoneRecorded = DomainEvent<
  'PurposeMilestoneRecorded',
  {
    kind: (typeof MILESTONE_KINDS)[number];
    state: (typeof MILESTONE_STATES)[number];
    counts: Record<string, number>;
    facilitator: string | null;
    at: string;
    sources: Source[];
  }
>;

export type TruceEvent = TruceAgreed | TruceEffectiveTimeRevised | TruceSuspended | TruceResumed | TruceCollapsed | TruceEnded | PurposeMilestoneRecorded;

/** Everything a truce stream holds: the truce's own events, and the zones defined on it (decided in src/zones). */
export type TruceStreamEvent = TruceEvent | ZoneEvent;

export const TRUCE_STREAM_PREFIX = 'truce-';
export const truceStreamId = (truceId: string): string => `${TRUCE_STREAM_PREFIX}${truceId}`;

// ---- commands: what may be asked of a truce, as data ----

/**
 * One case per request the API takes. Each carries the data of the event it asks for, already
 * complete: defaults that only the server knows (an effective instant of "now") are filled in
 * before deciding, so decideTruce reads no clock.
 */
export type TruceCommand =
  | { type: 'AgreeTruce'; truceId: string; data: Omit<TruceTerms, 'truceId'> }
  | { type: 'ReviseEffectiveTime'; truceId: string; data: TruceEffectiveTimeRevised['data'] }
  | { type: 'SuspendTruce'; truceId: string; data: TruceSuspended['data'] }
  | { type: 'ResumeTruce'; truceId: string; data: TruceResumed['data'] }
  | { type: 'CollapseTruce'; truceId: string; data: TruceCollapsed['data'] }
  | { type: 'EndTruce'; truceId: string; data: TruceEnded['data'] }
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

/** Everything the record says of one truce: the fold of its stream. */
export interface TruceState extends TruceTerms {
  /** Every effective instant the record has held, with when it was recorded (first: as agreed). */
  effectiveAtHistory: { effectiveAt: string; effectiveAtSource: EffectiveAtSource | null; recordedAt: string }[];
  collapsed: { at: string; declaredBy: string; reason: string; recordedAt: string } | null;
  ended: { at: string; reason: EndReason; successorTruceId: string | null; recordedAt: string } | null;
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
export const TRUCE_FOLD_VERSION = 1;

/** evolve(state, event) → state: pure, deterministic, never reads a clock. */
export function evolveTruce(state: TruceState | null, event: Recorded<TruceStreamEvent>): TruceState | null {
  if (event.type === 'TruceAgreed') {
    const d = event.data;
    return {
      ...d,
      effectiveAtHistory: [{ effectiveAt: d.effectiveAt, effectiveAtSource: d.effectiveAtSource, recordedAt: event.recordedAt }],
      collapsed: null,
      ended: null,
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
      const { at, by, reason } = event.data;
      const type = event.type === 'TruceSuspended' ? 'suspended' : 'resumed';
      next.suspensions = [...state.suspensions, { type, at, by, reason, recordedAt: event.recordedAt }];
      return next;
    }
    case 'TruceCollapsed':
      next.collapsed = { at: event.data.at, declaredBy: event.data.declaredBy, reason: event.data.reason, recordedAt: event.recordedAt };
      return next;
    case 'TruceEnded':
      next.ended = { at: event.data.at, reason: event.data.reason, successorTruceId: event.data.successorTruceId, recordedAt: event.recordedAt };
      return next;
    case 'PurposeMilestoneRecorded': {
      const { kind, state: milestoneState, counts, facilitator, at } = event.data;
      next.milestones = [...state.milestones, { kind, state: milestoneState, counts, facilitator, at, recordedAt: event.recordedAt }];
      return next;
    }
    case 'ZoneDefined':
    case 'ZoneRetired':
      next.zones = evolveZones(state.zones ?? [], event);
      return next;
  }
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
      return suspend(truce, command.data);
    case 'ResumeTruce':
      return resume(truce, command.data);
    case 'CollapseTruce':
      return collapse(truce, command.data);
    case 'EndTruce':
      return end(truce, command.data);
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

function requireOpen(state: TruceState): void {
  if (state.collapsed) throw DomainError.rejected('TRUCE.COLLAPSED', 'The truce has already been declared collapsed.');
  if (state.ended) throw DomainError.rejected('TRUCE.ENDED', 'The truce has already ended.');
}

function collapse(state: TruceState, data: TruceCollapsed['data']): TruceCollapsed[] {
  requireOpen(state);
  return [{ type: 'TruceCollapsed', schemaVersion: 1, data }];
}

function end(state: TruceState, data: TruceEnded['data']): TruceEnded[] {
  requireOpen(state);
  if (data.reason === 'superseded' && !data.successorTruceId) {
    throw DomainError.rejected('TRUCE.SUCCESSOR_REQUIRED', 'A superseded truce needs successorTruceId.');
  }
  if (data.successorTruceId === state.truceId) {
    throw DomainError.rejected('TRUCE.SELF_SUCCESSOR', 'A truce cannot supersede itself.');
  }
  return [{ type: 'TruceEnded', schemaVersion: 1, data }];
}

function reviseEffectiveTime(state: TruceState, data: TruceEffectiveTimeRevised['data']): TruceEffectiveTimeRevised[] {
  requireOpen(state);
  const revised = Date.parse(data.effectiveAt);
  if (revised === Date.parse(state.effectiveAt)) {
    throw DomainError.rejected('TRUCE.EFFECTIVE_TIME_UNCHANGED', `effectiveAt is already ${state.effectiveAt}; a revision must change it.`);
  }
  if (state.endsAt !== null && revised >= Date.parse(state.endsAt)) {
    throw DomainError.rejected('TRUCE.ENDS_BEFORE_EFFECTIVE', `effectiveAt must be earlier than the truce's endsAt (${state.endsAt}).`);
  }
  return [{ type: 'TruceEffectiveTimeRevised', schemaVersion: 1, data }];
}

/**
 * The latest suspend/resume mark in the order it was recorded. Judging a new mark against the
 * one recorded last (rather than the one latest in valid time) lets a monitor fill in an earlier
 * suspension afterwards: suspend 05:00 and resume 06:00 can follow suspend 10:00 / resume 11:00.
 */
function latestMark(state: TruceState): LifecycleMark | null {
  return state.suspensions.length ? state.suspensions[state.suspensions.length - 1] : null;
}

function suspend(state: TruceState, data: TruceSuspended['data']): TruceSuspended[] {
  requireOpen(state);
  const latest = latestMark(state);
  if (latest?.type === 'suspended') {
    throw DomainError.rejected('TRUCE.ALREADY_SUSPENDED', `The truce is already suspended (from ${latest.at}); resume it first.`);
  }
  return [{ type: 'TruceSuspended', schemaVersion: 1, data }];
}

function resume(state: TruceState, data: TruceResumed['data']): TruceResumed[] {
  requireOpen(state);
  const latest = latestMark(state);
  if (latest?.type !== 'suspended') throw DomainError.rejected('TRUCE.NOT_SUSPENDED', 'The truce is not suspended.');
  // A resumption at or before the suspension it ends would leave the truce suspended for good.
  if (Date.parse(data.at) <= Date.parse(latest.at)) {
    throw DomainError.rejected('TRUCE.RESUMED_BEFORE_SUSPENDED', `at must be later than the start of the suspension it ends (${latest.at}).`);
  }
  return [{ type: 'TruceResumed', schemaVersion: 1, data }];
}

function recordMilestone(state: TruceState, data: PurposeMilestoneRecorded['data']): PurposeMilestoneRecorded[] {
  for (const partyId of Object.keys(data.counts)) requirePartyOf(state, partyId, 'counts');
  return [{ type: 'PurposeMilestoneRecorded', schemaVersion: 1, data }];
}
