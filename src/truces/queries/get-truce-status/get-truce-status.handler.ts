import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '../../../common/clock';
import { DomainError } from '../../../common/domain/domain-error';
import { IncidentState } from '../../../incidents/domain/incident';
import { TruceRecordCache } from '../../application/truce-record.cache';
import { incidentAsOf, truceAsOf } from '../../domain/record-as-of';
import { statusHorizon } from '../../domain/truce-status';
import { GetTruceStatusQuery } from './get-truce-status.query';
import { truceSummary, TruceSummary } from './truce-summary';

/** Settled answers kept, most recently computed last (one per truce). */
const SETTLED_KEPT = 5_000;

@QueryHandler(GetTruceStatusQuery)
export class GetTruceStatusHandler implements IQueryHandler<GetTruceStatusQuery> {
  /** The summary after every instant in the record, per truce generation: it changes only with new events. */
  private readonly settled = new Map<string, { generation: number; horizon: number; summary: TruceSummary }>();

  constructor(
    private readonly records: TruceRecordCache,
    private readonly clock: Clock,
  ) {}

  async execute({ truceId, at, asOf }: GetTruceStatusQuery): Promise<TruceSummary> {
    const now = this.clock.now().toISOString();
    const record = await this.records.record(truceId);
    const truce = record && (asOf === undefined ? record.truce : truceAsOf(record.truce, asOf));
    if (!record || !truce) {
      throw DomainError.notFound(
        'TRUCE.NOT_FOUND',
        asOf === undefined ? `No truce ${truceId} is recorded.` : `No truce ${truceId} was recorded as of ${asOf}.`,
      );
    }
    const t = at ?? now;
    if (asOf === undefined) {
      const memo = this.settled.get(truceId);
      if (memo && memo.generation === record.generation && Date.parse(t) >= memo.horizon) return { ...memo.summary, at: t, asOf: now };
    }
    const all = record.incidents();
    const incidents = asOf === undefined ? all : all.map((i) => incidentAsOf(i, asOf)).filter((i): i is IncidentState => i !== null);
    const summary = truceSummary(truce, incidents, t, asOf ?? now);
    if (asOf === undefined) {
      const horizon = statusHorizon(truce, incidents);
      if (Date.parse(t) >= horizon) {
        this.settled.delete(truceId);
        this.settled.set(truceId, { generation: record.generation, horizon, summary });
        if (this.settled.size > SETTLED_KEPT) this.settled.delete(this.settled.keys().next().value!);
      }
    }
    return summary;
  }
}
