import { DataSource } from 'typeorm';
import { ObservationState } from './domain/observation';
import { ObservationView } from './observation-view.entity';
import { ObservationZones } from './observation-zones';
import { ObservationFilterDto } from './observations.dto';

export type ObservationFilter = Omit<ObservationFilterDto, 'minPosition'>;

/** A batch: big enough to amortise a round trip, small enough that a batch of the largest observations stays a few megabytes. */
const BATCH = 250;

/**
 * A truce's observations in the order recorded, after `after`, that match `filter`, a batch at a
 * time: lists and exports never hold them all. Every filter but `zone` is SQL; `zone` is judged
 * on each batch by ObservationZones (the point-in-polygon test is not in the database).
 */
export async function* observationBatches(
  dataSource: DataSource,
  zones: ObservationZones,
  truceId: string,
  filter: ObservationFilter,
  after = 0,
): AsyncGenerator<{ rows: ObservationView[]; zones: Map<string, string[]> }> {
  const locate = await zones.locator(truceId);
  for (;;) {
    const qb = dataSource.getRepository(ObservationView).createQueryBuilder('o').where('o.truce_id = :truceId AND o.position > :after', { truceId, after });
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.origin) qb.andWhere('o.origin = :origin', { origin: filter.origin });
    if (filter.assessment) qb.andWhere('o.assessment = :assessment', { assessment: filter.assessment });
    if (filter.from) qb.andWhere('o.observed_from >= :from', { from: new Date(filter.from) });
    if (filter.to) qb.andWhere('o.observed_from < :to', { to: new Date(filter.to) });
    const rows = await qb.orderBy('o.position', 'ASC').take(BATCH).getMany();
    if (rows.length) {
      const inZones = locate(rows.map((r) => r.state));
      const kept = filter.zone ? rows.filter((r) => inZones.get(r.observationId)?.includes(filter.zone!)) : rows;
      yield { rows: kept, zones: inZones };
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].position;
  }
}

/** Up to `take` matching observations after `after`, with their zones. */
export async function firstObservations(
  dataSource: DataSource,
  zones: ObservationZones,
  truceId: string,
  filter: ObservationFilter,
  after: number,
  take: number,
): Promise<{ row: ObservationView; state: ObservationState; zones: string[] }[]> {
  const found: { row: ObservationView; state: ObservationState; zones: string[] }[] = [];
  for await (const batch of observationBatches(dataSource, zones, truceId, filter, after)) {
    for (const row of batch.rows) {
      found.push({ row, state: row.state, zones: batch.zones.get(row.observationId) ?? [] });
      if (found.length === take) return found;
    }
  }
  return found;
}
