import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain/domain-error';
import { IncidentState } from '../incidents/domain/incident';
import { ObservationState } from '../observations/domain/observation';
import { observationAsOf } from '../observations/domain/observation-as-of';
import { observedPlace } from '../observations/domain/observation-point';
import { endInstant, TruceState } from '../truces/domain/truce';
import { incidentAsOf, truceAsOf } from '../truce-record/domain/record-as-of';
import { TruceRecordCache } from '../truce-record/truce-record.cache';
import { zonesInForce, zonesOfPlace } from '../zones/domain';
import { classifyWindowAgainst } from './domain/classify-window';
import { CountableItem, incidentItems } from './domain/countable-item';
import { observationItems } from './domain/observation-items';

/** A truce's record as it stood at record time `asOf`, and what of it the published figures count. */
export interface PublishedRecord {
  truce: TruceState;
  incidents: IncidentState[];
  observations: ObservationState[];
  items: CountableItem[];
}

/**
 * Reads a truce's record as of `asOf` from the record cache (the same folds the status answers
 * from), and turns its incidents — and, where a slice records them, its observations — into the
 * items the time series and reports count.
 */
@Injectable()
export class PublishedRecordReader {
  constructor(private readonly records: TruceRecordCache) {}

  async read(truceId: string, asOf: string | undefined): Promise<PublishedRecord> {
    const record = await this.records.record(truceId);
    const truce = record && (asOf === undefined ? record.truce : truceAsOf(record.truce, asOf));
    if (!record || !truce) {
      throw DomainError.notFound(
        'TRUCE.NOT_FOUND',
        asOf === undefined ? `No truce ${truceId} is recorded.` : `No truce ${truceId} was recorded as of ${asOf}.`,
      );
    }
    const all = record.incidents();
    const incidents = asOf === undefined ? all : all.map((i) => incidentAsOf(i, asOf)).filter((i): i is IncidentState => i !== null);
    const effectiveAt = Date.parse(truce.effectiveAt);
    const end = endInstant(truce);
    const classify = (window: { from: number; to: number }) => classifyWindowAgainst(window, effectiveAt, end === null ? null : Date.parse(end));
    const recorded = record.observations();
    const observations = asOf === undefined ? recorded : recorded.map((o) => observationAsOf(o, asOf)).filter((o): o is ObservationState => o !== null);
    // Zones in force at `asOf` (truceAsOf has dropped the later ones).
    const zones = zonesInForce(truce.zones ?? [], asOf);
    const placeOf = new Map(observations.map((o) => [o.observationId, observedPlace(o)]));
    const items = [
      ...incidentItems(incidents, classify, (i) => zonesOfPlace(i.location, zones)),
      ...observationItems(observations, classify, (o) => zonesOfPlace(placeOf.get(o.observationId)!, zones)),
    ];
    return { truce, incidents, observations, items };
  }
}
