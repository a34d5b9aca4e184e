import { classify } from '../../domain/classification';
import { IncidentState } from '../../domain/incident';
import { addCasualties, emptyTotals, totalOf } from '../../domain/value-objects';

/** The flat facts both exports show of an incident. */
export function flatIncident(incident: IncidentState, effectiveAt: string) {
  const totals = emptyTotals();
  addCasualties(totals, incident.casualties);
  const { killed, injured } = totalOf(totals);
  return {
    incidentId: incident.incidentId,
    truceId: incident.truceId,
    reportedBy: incident.reportedBy,
    reporterType: incident.reporterType,
    accusedParty: incident.accusedParty,
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
    classification: classify(incident.occurredAt, effectiveAt),
    attributedTo: incident.attribution?.attributedTo ?? null,
    denied: incident.denials.length > 0,
    retracted: incident.retracted !== null,
    respondsTo: incident.respondsTo,
    sources: incident.sources.map((s) => (s.url ? `${s.name} <${s.url}>` : s.name)).join('; '),
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
] as const;

/** One CSV row, in the spirit of ACLED's codebook: actor1 is the accused party. */
export function csvRow(incident: IncidentState, effectiveAt: string): unknown[] {
  const flat = flatIncident(incident, effectiveAt);
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
  ];
  return row.map(neutralizeCell);
}
