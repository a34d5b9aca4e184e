import { Injectable } from '@nestjs/common';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { EventStore } from '../../event-store/event-store.service';
import { evolveIncident, IncidentState } from '../../incidents/domain/incident';
import { incidentStreamId } from '../../incidents/domain/incident.events';
import { IncidentView } from '../../incidents/projections/incident-view.entity';
import { evolveTruce, TruceState } from '../domain/truce';
import { truceStreamId } from '../domain/truce.events';
import { TruceView } from '../projections/truce-view.entity';

/** A truce and its incidents as the record knows them. */
export interface TruceRecord {
  truce: TruceState;
  incidents: IncidentState[];
}

/**
 * Gives the record of a truce either as the read models hold it now, or as the log knew it at
 * a past record time (`asOf`), by folding only the events recorded by then through the same
 * evolve functions the read models are built with.
 */
@Injectable()
export class TruceRecordReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: EventStore,
  ) {}

  async current(truceId: string): Promise<TruceRecord | null> {
    const row = await this.dataSource.getRepository(TruceView).findOne({ where: { truceId } });
    if (!row) return null;
    const incidents = await this.dataSource.getRepository(IncidentView).find({ where: { truceId }, order: { position: 'ASC' } });
    return { truce: row.state, incidents: incidents.map((i) => i.state) };
  }

  async currentMany(truceIds: string[]): Promise<Map<string, IncidentState[]>> {
    const byTruce = new Map<string, IncidentState[]>(truceIds.map((id) => [id, []]));
    if (!truceIds.length) return byTruce;
    const rows = await this.dataSource.getRepository(IncidentView).find({ where: { truceId: In(truceIds) }, order: { position: 'ASC' } });
    for (const row of rows) byTruce.get(row.truceId)?.push(row.state);
    return byTruce;
  }

  async asOf(truceId: string, asOf: string): Promise<TruceRecord | null> {
    const incidentIds = await this.dataSource.getRepository(IncidentView).find({
      select: { incidentId: true },
      where: { truceId, recordedAt: LessThanOrEqual(new Date(asOf)) },
    });
    const streams = [truceStreamId(truceId), ...incidentIds.map((i) => incidentStreamId(i.incidentId))];
    let truce: TruceState | null = null;
    const incidents = new Map<string, IncidentState>();
    for await (const event of this.store.readStreams(streams, { recordedAtOrBefore: asOf })) {
      if (event.streamId === streams[0]) {
        truce = evolveTruce(truce, event as never);
        continue;
      }
      const next = evolveIncident(incidents.get(event.streamId) ?? null, event as never);
      if (next) incidents.set(event.streamId, next);
    }
    return truce ? { truce, incidents: [...incidents.values()] } : null;
  }
}
