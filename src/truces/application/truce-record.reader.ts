import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { IncidentState } from '../../incidents/domain/incident';
import { IncidentView } from '../../incidents/projections/incident-view.entity';

/** The incidents of several truces at once, from the read models (for lists of truces). */
@Injectable()
export class TruceRecordReader {
  constructor(private readonly dataSource: DataSource) {}

  async incidentsOf(truceIds: string[]): Promise<Map<string, IncidentState[]>> {
    const byTruce = new Map<string, IncidentState[]>(truceIds.map((id) => [id, []]));
    if (!truceIds.length) return byTruce;
    const rows = await this.dataSource.getRepository(IncidentView).find({ where: { truceId: In(truceIds) }, order: { position: 'ASC' } });
    for (const row of rows) byTruce.get(row.truceId)?.push(row.state);
    return byTruce;
  }
}
