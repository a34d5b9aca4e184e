import { DomainEvent, Source } from '../../common/domain/domain-event';

/** Event type strings are stable: never rename one; add a new schemaVersion instead. */
export const PURPOSES = ['prisoner_exchange', 'remains_exchange', 'humanitarian_access', 'political_talks', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const END_REASONS = ['expired', 'superseded', 'purpose_fulfilled'] as const;
export type EndReason = (typeof END_REASONS)[number];

export const MILESTONE_KINDS = ['prisoner_exchange', 'remains_transfer'] as const;
export const MILESTONE_STATES = ['scheduled', 'completed', 'postponed'] as const;

export interface Party {
  id: string;
  name: string;
}

export interface EffectiveAtSource {
  text: string;
  timezone: string;
}

export type TruceAgreed = DomainEvent<
  'TruceAgreed',
  {
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
>;

export type TruceEffectiveTimeRevised = DomainEvent<
  'TruceEffectiveTimeRevised',
  { effectiveAt: string; effectiveAtSource: EffectiveAtSource | null; reason: string; sources: Source[] }
>;

export type TruceSuspended = DomainEvent<'TruceSuspended', { by: string; reason: string; at: string; sources: Source[] }>;
export type TruceResumed = DomainEvent<'TruceResumed', { by: string; reason: string; at: string; sources: Source[] }>;

export type TruceCollapsed = DomainEvent<'TruceCollapsed', { declaredBy: string; reason: string; at: string; sources: Source[] }>;

export type TruceEnded = DomainEvent<
  'TruceEnded',
  { reason: EndReason; successorTruceId: string | null; at: string; sources: Source[] }
>;

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

export type TruceEvent =
  | TruceAgreed
  | TruceEffectiveTimeRevised
  | TruceSuspended
  | TruceResumed
  | TruceCollapsed
  | TruceEnded
  | PurposeMilestoneRecorded;

export const TRUCE_STREAM_PREFIX = 'truce-';
export const truceStreamId = (truceId: string): string => `${TRUCE_STREAM_PREFIX}${truceId}`;
