import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain/domain-error';
import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { InjectReadDataSource } from '../database/read-database';
import { Classification } from '../incidents/domain/classification';
import { TruceFacts } from '../truces/domain/truce-facts';
import { TruceFactsProvider } from '../truces/truce-facts.provider';
import { AssessmentStep, ObservationRecord, ObservationState } from './domain/observation';
import { classifyObservation } from './domain/observation-classification';
import { firstObservations, ObservationFilter } from './observation-scan';
import { ObservationView } from './observation-view.entity';
import { ObservationZones } from './observation-zones';

/** An observation as the API shows it (API.md, GET /observations/{id}). */
export interface ObservationResponse extends ObservationRecord {
  classification: Classification;
  zones: string[];
  assessmentHistory: AssessmentStep[];
  withdrawn: boolean;
  withdrawal: ObservationState['withdrawn'];
  recordedAt: string;
  streamVersion: number;
}

export interface ObservationPage {
  items: ObservationResponse[];
  nextCursor: string | null;
}

/** Classification follows the truce's current effective instant and end, which may have been revised. */
export function presentObservation(observation: ObservationState, truce: Pick<TruceFacts, 'effectiveAt' | 'endAt'>, zones: string[]): ObservationResponse {
  return {
    observationId: observation.observationId,
    truceId: observation.truceId,
    observedBy: observation.observedBy,
    observedAt: observation.observedAt,
    position: observation.position,
    kind: observation.kind,
    count: observation.count,
    direction: observation.direction,
    distanceKm: observation.distanceKm,
    estimatedLocation: observation.estimatedLocation,
    weapons: observation.weapons,
    origin: observation.origin,
    assessment: observation.assessment,
    description: observation.description,
    sources: observation.sources,
    classification: classifyObservation(observation.observedAt, truce.effectiveAt, truce.endAt ?? null),
    zones,
    assessmentHistory: observation.assessmentHistory,
    withdrawn: observation.withdrawn !== null,
    withdrawal: observation.withdrawn,
    recordedAt: observation.recordedAt,
    streamVersion: observation.version,
  };
}

export class GetObservationQuery extends Query<ObservationResponse> {
  constructor(readonly observationId: string) {
    super();
  }
}

/** A truce's observations in the order recorded, filtered. */
export class ListObservationsQuery extends Query<ObservationPage> {
  constructor(
    readonly truceId: string,
    readonly filter: ObservationFilter & { limit?: number; cursor?: string },
  ) {
    super();
  }
}

@QueryHandler(GetObservationQuery)
export class GetObservationHandler implements IQueryHandler<GetObservationQuery> {
  constructor(
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly truces: TruceFactsProvider,
    private readonly zones: ObservationZones,
  ) {}

  async execute({ observationId }: GetObservationQuery): Promise<ObservationResponse> {
    const row = await this.dataSource.getRepository(ObservationView).findOne({ where: { observationId } });
    if (!row) throw DomainError.notFound('OBSERVATION.NOT_FOUND', `No observation ${observationId} is recorded.`);
    // An observation's truce is always recorded before it, in the same read models.
    const truce = await this.truces.find(row.truceId);
    if (!truce) throw new Error(`The read model of truce ${row.truceId} is missing, though observation ${observationId} names it`);
    const zones = await this.zones.zonesOf(row.truceId, [row.state]);
    return presentObservation(row.state, truce, zones.get(observationId) ?? []);
  }
}

@QueryHandler(ListObservationsQuery)
export class ListObservationsHandler implements IQueryHandler<ListObservationsQuery> {
  constructor(
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly truces: TruceFactsProvider,
    private readonly zones: ObservationZones,
  ) {}

  async execute({ truceId, filter }: ListObservationsQuery): Promise<ObservationPage> {
    const { limit = 20, cursor, ...rest } = filter;
    const truce = await this.truces.find(truceId);
    if (!truce) throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
    const after = cursor === undefined ? 0 : decodeCursor(cursor);
    const found = await firstObservations(this.dataSource, this.zones, truceId, rest, after, limit + 1);
    const page = found.slice(0, limit);
    return {
      items: page.map((o) => presentObservation(o.state, truce, o.zones)),
      nextCursor: found.length > limit ? encodeCursor(page[page.length - 1].row.position) : null,
    };
  }
}
