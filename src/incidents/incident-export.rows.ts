import { bestGradedSource, Credibility, Reliability } from '../common/domain/source';
import { Classification, classify } from './domain/classification';
import { IncidentState, ReporterType, VerificationStatus } from './domain/incident';
import { addCasualties, emptyTotals, PlacePrecision, TimePrecision, totalOf } from './domain/value-objects';

/** The flat facts both exports show of an incident: the GeoJSON feature properties, and the CSV row's source. */
export interface IncidentExportRow {
  incidentId: string;
  truceId: string;
  reportedBy: string;
  reporterType: ReporterType;
  accusedParty: string;
  occurredFrom: string;
  occurredTo: string | null;
  timePrecision: TimePrecision;
  locationName: string;
  admin1: string | null;
  countryIso3: string | null;
  geoPrecision: PlacePrecision | null;
  weapons: string;
  killed: number;
  injured: number;
  verification: VerificationStatus;
  classification: Classification;
  attributedTo: string | null;
  denied: boolean;
  retracted: boolean;
  respondsTo: string | null;
  sources: string;
  /** Of the best-graded source (A best), null when none is graded. */
  sourceReliability: Reliability | null;
  /** Of the same source (1 best). */
  sourceCredibility: Credibility | null;
  description: string;
  recordedAt: string;
}

export function flatIncident(incident: IncidentState, effectiveAt: string, endAt: string | null = null): IncidentExportRow {
  const totals = emptyTotals();
  addCasualties(totals, incident.casualties);
  const { killed, injured } = totalOf(totals);
  const { incidentId, truceId, reportedBy, reporterType, accusedParty } = incident;
  const graded = bestGradedSource(incident.sources);
  return {
    incidentId,
    truceId,
    reportedBy,
    reporterType,
    accusedParty,
    occurredFrom: incident.occurredAt.from,
    occurredTo: incident.occurredAt.to ?? null,
    timePrecision: incident.occurredAt.precision,
    locationName: incident.location.name,
    admin1: incident.location.admin1 ?? null,
    countryIso3: incident.location.countryIso3 ?? null,
    geoPrecision: incident.location.precision ?? null,
    weapons: incident.weapons.join(';'),
    killed,
    injured,
    verification: incident.verification.status,
    classification: classify(incident.occurredAt, effectiveAt, endAt),
    attributedTo: incident.attribution?.attributedTo ?? null,
    denied: incident.denials.length > 0,
    retracted: incident.retracted !== null,
    respondsTo: incident.respondsTo,
    sources: incident.sources.map((s) => (s.url ? `${s.name} <${s.url}>` : s.name)).join('; '),
    sourceReliability: graded?.reliability ?? null,
    sourceCredibility: graded?.credibility ?? null,
    description: incident.description ?? '',
    recordedAt: incident.recordedAt,
  };
}

/** Cells a spreadsheet would run as a formula are prefixed with an apostrophe (OWASP CSV injection). */
export function neutralizeCell(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const CSV_COLUMNS = [
  'event_id',
  'event_date',
  'time_precision',
  'actor1',
  'actor2',
  'reported_by',
  'location',
  'admin1',
  'country_iso3',
  'latitude',
  'longitude',
  'geo_precision',
  'weapons',
  'fatalities',
  'verification',
  'classification',
  'source',
  'notes',
  'source_reliability',
  'source_credibility',
] as const;

/** One CSV row, in the spirit of ACLED's codebook: actor1 is the accused party. */
export function csvRow(incident: IncidentState, effectiveAt: string, endAt: string | null = null): unknown[] {
  const flat = flatIncident(incident, effectiveAt, endAt);
  const row = [
    flat.incidentId,
    flat.occurredFrom.slice(0, 10),
    flat.timePrecision,
    flat.accusedParty,
    flat.reporterType === 'party' ? flat.reportedBy : '',
    flat.reportedBy,
    flat.locationName,
    flat.admin1 ?? '',
    flat.countryIso3 ?? '',
    incident.location.lat ?? '',
    incident.location.lon ?? '',
    flat.geoPrecision ?? '',
    flat.weapons,
    flat.killed,
    flat.retracted ? `${flat.verification} (retracted)` : flat.verification,
    flat.classification,
    flat.sources,
    flat.description,
    flat.sourceReliability ?? '',
    flat.sourceCredibility ?? '',
  ];
  return row.map(neutralizeCell);
}
