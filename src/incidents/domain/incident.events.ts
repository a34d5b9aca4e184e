import { DomainEvent, Source } from '../../common/domain/domain-event';
import { Casualties, Place, TimeSpec } from './value-objects';

export const REPORTER_TYPES = ['party', 'monitor', 'media', 'civil_society'] as const;
export type ReporterType = (typeof REPORTER_TYPES)[number];

export const WEAPONS = ['artillery', 'rocket', 'missile', 'mortar', 'drone', 'airstrike', 'small_arms', 'armour', 'other'] as const;
export type Weapon = (typeof WEAPONS)[number];

export const CHARACTERIZATIONS = ['fabrication', 'provocation', 'self_defence', 'other'] as const;
export type Characterization = (typeof CHARACTERIZATIONS)[number];

export const VERIFICATION_STATUSES = ['unverified', 'corroborated', 'confirmed', 'refuted', 'inconclusive'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export const VERIFICATION_METHODS = ['independent_sources', 'site_visit', 'imagery', 'hospital_records', 'other'] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const NOT_ATTRIBUTABLE = 'not_attributable';

export type BreachReported = DomainEvent<
  'BreachReported',
  {
    incidentId: string;
    truceId: string;
    reportedBy: string;
    reporterType: ReporterType;
    accusedParty: string;
    occurredAt: TimeSpec;
    location: Place;
    weapons: Weapon[];
    casualties: Casualties;
    description: string | null;
    sources: Source[];
    respondsTo: string | null;
  }
>;

export type BreachDenied = DomainEvent<
  'BreachDenied',
  { deniedBy: string; statement: string; characterization: Characterization; sources: Source[] }
>;

export type VerificationChanged = DomainEvent<
  'VerificationChanged',
  { status: VerificationStatus; by: string; method: VerificationMethod; note: string | null }
>;

export type AttributionDetermined = DomainEvent<
  'AttributionDetermined',
  { attributedTo: string; by: string; note: string | null }
>;

export type CasualtiesRevised = DomainEvent<'CasualtiesRevised', { casualties: Casualties; sources: Source[] }>;

export type ReportRetracted = DomainEvent<'ReportRetracted', { by: string; reason: string }>;

export type IncidentEvent =
  | BreachReported
  | BreachDenied
  | VerificationChanged
  | AttributionDetermined
  | CasualtiesRevised
  | ReportRetracted;

export const INCIDENT_STREAM_PREFIX = 'incident-';
export const incidentStreamId = (incidentId: string): string => `${INCIDENT_STREAM_PREFIX}${incidentId}`;
