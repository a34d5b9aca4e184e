import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { InjectReadDataSource } from '../database/read-database';
import { DomainError } from '../common/domain/domain-error';
import { decodeCursor, encodeCursor } from '../common/http/cursor';
import { TruceFacts } from '../truces/domain/truce-facts';
import { TruceFactsProvider } from '../truces/truce-facts.provider';
import { ZoneRecord, zonesOfPlace } from '../zones/domain';
import { ZonesReader } from '../zones/zones.reader';
import { Classification, classify } from './domain/classification';
import { Attribution, Denial, IncidentReport, IncidentState, VerificationStatus, VerificationStep } from './domain/incident';
import { IncidentView } from './incident-view.entity';
import { ListIncidentsQueryDto } from './incidents.dto';

/** An incident as the API shows it (API.md, GET /incidents/{id}). */
export interface IncidentResponse extends IncidentReport {
  classification: Classification;
  verification: { status: VerificationStatus; history: VerificationStep[] };
  attribution: Attribution | null;
  denials: Denial[];
  retracted: boolean;
  retraction: IncidentState['retracted'];
  /** The zones in force whose geometry contains the location (none without coordinates). */
  zones: string[];
  recordedAt: string;
  streamVersion: number;
}

export interface IncidentPage {
  items: IncidentResponse[];
  nextCursor: string | null;
}

/** Classification follows the truce's current effective instant and end, which may have been revised. */
export function presentIncident(
  incident: IncidentState,
  truce: Pick<TruceFacts, 'effectiveAt' | 'endAt'>,
  zones: readonly ZoneRecord[] = [],
): IncidentResponse {
  return {
    incidentId: incident.incidentId,
    truceId: incident.truceId,
    reportedBy: incident.reportedBy,
    reporterType: incident.reporterType,
    accusedParty: incident.accusedParty,
    occurredAt: incident.occurredAt,
    location: incident.location,
    weapons: incident.weapons,
    casualties: incident.casualties,
    description: incident.description,
    sources: incident.sources,
    classification: classify(incident.occurredAt, truce.effectiveAt, truce.endAt ?? null),
    verification: incident.verification,
    attribution: incident.attribution,
    denials: incident.denials,
    retracted: incident.retracted !== null,
    retraction: incident.retracted,
    respondsTo: incident.respondsTo,
    zones: zonesOfPlace(incident.location, zones),
    recordedAt: incident.recordedAt,
    streamVersion: incident.version,
  };
}

export class GetIncidentQuery extends Query<IncidentResponse> {
  constructor(readonly incidentId: string) {
    super();
  }
}

/** A truce's incidents in the order they were reported, filtered. */
export class ListIncidentsQuery extends Query<IncidentPage> {
  constructor(
    readonly truceId: string,
    readonly filter: Omit<ListIncidentsQueryDto, 'minPosition'>,
  ) {
    super();
  }
}

/** classifyWindow() in SQL over the stored window [occurred_from, occurred_to), checked in the same order. */
function classificationSql(classification: Classification, hasEnd: boolean): string {
  const pre = 'i.occurred_to <= :e';
  switch (classification) {
    case 'pre_truce':
      return pre;
    case 'after_end':
      return hasEnd ? `NOT (${pre}) AND i.occurred_from >= :x` : 'FALSE';
    case 'post_truce':
      return hasEnd ? 'i.occurred_from >= :e AND i.occurred_to <= :x' : 'i.occurred_from >= :e';
    case 'ambiguous':
      return hasEnd ? `NOT (${pre}) AND i.occurred_from < :x AND (i.occurred_from < :e OR i.occurred_to > :x)` : `NOT (${pre}) AND i.occurred_from < :e`;
  }
}

@QueryHandler(GetIncidentQuery)
export class GetIncidentHandler implements IQueryHandler<GetIncidentQuery> {
  constructor(
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly truces: TruceFactsProvider,
    private readonly zones: ZonesReader,
  ) {}

  async execute({ incidentId }: GetIncidentQuery): Promise<IncidentResponse> {
    const row = await this.dataSource.getRepository(IncidentView).findOne({ where: { incidentId } });
    if (!row) throw DomainError.notFound('INCIDENT.NOT_FOUND', `No incident ${incidentId} is recorded.`);
    // An incident's truce is always recorded before it, in the same read models.
    const truce = await this.truces.find(row.truceId);
    if (!truce) throw new Error(`The read model of truce ${row.truceId} is missing, though incident ${incidentId} names it`);
    return presentIncident(row.state, truce, await this.zones.inForce(row.truceId));
  }
}

/** Rows read per round while looking for `wanted` incidents in a zone. */
const ZONE_SCAN_BATCH = 500;

/**
 * The first `wanted` rows of `qb` (already filtered) whose location lies in `zone`: the database
 * keeps those inside the zone's bounding box, point in polygon decides the rest, a batch at a time.
 */
async function inZone(qb: SelectQueryBuilder<IncidentView>, zone: ZoneRecord, wanted: number): Promise<IncidentView[]> {
  const [west, south, east, north] = boundingBox(zone);
  qb.andWhere(`(i.state->'location'->>'lon')::float8 BETWEEN :west AND :east`, { west, east })
    .andWhere(`(i.state->'location'->>'lat')::float8 BETWEEN :south AND :north`, { south, north })
    .orderBy('i.position', 'ASC');
  const found: IncidentView[] = [];
  for (let after = 0; ;) {
    const batch = await qb.clone().andWhere('i.position > :zoneAfter', { zoneAfter: after }).take(ZONE_SCAN_BATCH).getMany();
    for (const row of batch) {
      if (zonesOfPlace(row.state.location, [zone]).length) found.push(row);
      if (found.length === wanted) return found;
    }
    if (batch.length < ZONE_SCAN_BATCH) return found;
    after = batch[batch.length - 1].position;
  }
}

function boundingBox(zone: ZoneRecord): [number, number, number, number] {
  const polygons = zone.geometry.type === 'Polygon' ? [zone.geometry.coordinates] : zone.geometry.coordinates;
  let [west, south, east, north] = [180, 90, -180, -90];
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0]) {
      [west, south, east, north] = [Math.min(west, lon), Math.min(south, lat), Math.max(east, lon), Math.max(north, lat)];
    }
  }
  return [west, south, east, north];
}

@QueryHandler(ListIncidentsQuery)
export class ListIncidentsHandler implements IQueryHandler<ListIncidentsQuery> {
  constructor(
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly truces: TruceFactsProvider,
    private readonly zones: ZonesReader,
  ) {}

  async execute({ truceId, filter }: ListIncidentsQuery): Promise<IncidentPage> {
    const truce = await this.truces.find(truceId);
    if (!truce) throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
    const limit = filter.limit ?? 20;
    const e = new Date(truce.effectiveAt);
    const x = truce.endAt ? new Date(truce.endAt) : null;

    const qb = this.dataSource.getRepository(IncidentView).createQueryBuilder('i').where('i.truce_id = :truceId', { truceId });
    if (filter.cursor !== undefined) qb.andWhere('i.position > :after', { after: decodeCursor(filter.cursor) });
    if (filter.accused) qb.andWhere('i.accused_party = :accused', { accused: filter.accused });
    if (filter.reportedBy) qb.andWhere('i.reported_by = :reportedBy', { reportedBy: filter.reportedBy });
    if (filter.verification) qb.andWhere('i.verification = :verification', { verification: filter.verification });
    if (filter.from) qb.andWhere('i.occurred_from >= :from', { from: new Date(filter.from) });
    if (filter.to) qb.andWhere('i.occurred_from < :to', { to: new Date(filter.to) });
    // The same rule as classify(): relative to the truce's effective instant E and its end X.
    if (filter.classification) qb.andWhere(classificationSql(filter.classification, x !== null), { e, x });

    const zones = await this.zones.inForce(truceId);
    let rows: IncidentView[];
    if (filter.zone === undefined) {
      rows = await qb
        .orderBy('i.position', 'ASC')
        .take(limit + 1)
        .getMany();
    } else {
      const zone = zones.find((z) => z.zoneId === filter.zone);
      // A zone not (or no longer) in force contains nothing, as an unknown party accuses no one.
      rows = zone ? await inZone(qb, zone, limit + 1) : [];
    }
    const page = rows.slice(0, limit);
    return {
      items: page.map((r) => presentIncident(r.state, truce, zones)),
      nextCursor: rows.length > limit ? encodeCursor(page[page.length - 1].position) : null,
    };
  }
}
