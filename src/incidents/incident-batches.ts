import { DataSource } from 'typeorm';
import { IncidentState } from './domain/incident';
import { IncidentView } from './incident-view.entity';

/** Small enough that one batch of the largest reports allowed stays a few megabytes. */
const BATCH = 250;

/** A truce's incidents in report order, a batch at a time: exports never hold them all. */
export async function* incidentBatches(dataSource: DataSource, truceId: string): AsyncGenerator<IncidentState[]> {
  let after = 0;
  for (;;) {
    const rows = await dataSource
      .getRepository(IncidentView)
      .createQueryBuilder('i')
      .where('i.truce_id = :truceId AND i.position > :after', { truceId, after })
      .orderBy('i.position', 'ASC')
      .take(BATCH)
      .getMany();
    if (rows.length) yield rows.map((r) => r.state);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].position;
  }
}
