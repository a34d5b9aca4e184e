import { bestGradedSource, Credibility, Reliability } from '../common/domain/source';
import { Classification } from '../incidents/domain/classification';
import { neutralizeCell } from '../incidents/incident-export.rows';
import { Assessment, ObservationKind, ObservationState } from './domain/observation';
import { classifyObservation } from './domain/observation-classification';
import { observationPoint, observedPlace } from './domain/observation-point';

/** The flat facts both exports show of an observation: the GeoJSON feature properties, and the CSV row's source. */
export interface ObservationExportRow {
  observationId: string;
  truceId: string;
  observedBy: string;
  observedFrom: string;
  observedTo: string | null;
  timePrecision: string;
  kind: ObservationKind;
  count: number;
  direction: string | null;
  distanceKmLow: number | null;
  distanceKmHigh: number | null;
  positionName: string;
  estimatedLocationName: string | null;
  geoPrecision: string | null;
  weapons: string;
  origin: string;
  assessment: Assessment;
  classification: Classification;
  zones: string;
  withdrawn: boolean;
  sources: string;
  /** Of the best-graded source (A best), null when none is graded. */
  sourceReliability: Reliability | null;
  /** Of the same source (1 best). */
  sourceCredibility: Credibility | null;
  description: string;
  recordedAt: string;
}

export function flatObservation(observation: ObservationState, effectiveAt: string, endAt: string | null, zones: string[]): ObservationExportRow {
  const graded = bestGradedSource(observation.sources);
  return {
    observationId: observation.observationId,
    truceId: observation.truceId,
    observedBy: observation.observedBy,
    observedFrom: observation.observedAt.from,
    observedTo: observation.observedAt.to ?? null,
    timePrecision: observation.observedAt.precision,
    kind: observation.kind,
    count: observation.count,
    direction: observation.direction === null ? null : String(observation.direction),
    distanceKmLow: observation.distanceKm?.low ?? null,
    distanceKmHigh: observation.distanceKm?.high ?? null,
    positionName: observation.position.name,
    estimatedLocationName: observation.estimatedLocation?.name ?? null,
    geoPrecision: observedPlace(observation).precision ?? null,
    weapons: observation.weapons.join(';'),
    origin: observation.origin,
    assessment: observation.assessment,
    classification: classifyObservation(observation.observedAt, effectiveAt, endAt),
    zones: zones.join(';'),
    withdrawn: observation.withdrawn !== null,
    sources: observation.sources.map((s) => (s.url ? `${s.name} <${s.url}>` : s.name)).join('; '),
    sourceReliability: graded?.reliability ?? null,
    sourceCredibility: graded?.credibility ?? null,
    description: observation.description ?? '',
    recordedAt: observation.recordedAt,
  };
}

export const OBSERVATION_CSV_COLUMNS = [
  'event_id',
  'event_date',
  'time_precision',
  'observed_by',
  'kind',
  'count',
  'origin',
  'assessment',
  'classification',
  'direction',
  'distance_km_low',
  'distance_km_high',
  'location',
  'estimated_location',
  'latitude',
  'longitude',
  'geo_precision',
  'weapons',
  'zones',
  'withdrawn',
  'source',
  'notes',
  'source_reliability',
  'source_credibility',
] as const;

/** One CSV row: latitude/longitude are the observed point's (estimatedLocation before position). */
export function observationCsvRow(observation: ObservationState, effectiveAt: string, endAt: string | null, zones: string[]): unknown[] {
  const flat = flatObservation(observation, effectiveAt, endAt, zones);
  const point = observationPoint(observation);
  const row = [
    flat.observationId,
    flat.observedFrom.slice(0, 10),
    flat.timePrecision,
    flat.observedBy,
    flat.kind,
    flat.count,
    flat.origin,
    flat.assessment,
    flat.classification,
    flat.direction ?? '',
    flat.distanceKmLow ?? '',
    flat.distanceKmHigh ?? '',
    flat.positionName,
    flat.estimatedLocationName ?? '',
    point?.lat ?? '',
    point?.lon ?? '',
    flat.geoPrecision ?? '',
    flat.weapons,
    flat.zones,
    flat.withdrawn,
    flat.sources,
    flat.description,
    flat.sourceReliability ?? '',
    flat.sourceCredibility ?? '',
  ];
  return row.map(neutralizeCell);
}
