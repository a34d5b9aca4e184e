import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Clock } from '../../../common/clock';
import { DomainError } from '../../../common/domain/domain-error';
import { TruceRecordReader } from '../../application/truce-record.reader';
import { GetTruceStatusQuery } from './get-truce-status.query';
import { truceSummary, TruceSummary } from './truce-summary';

@QueryHandler(GetTruceStatusQuery)
export class GetTruceStatusHandler implements IQueryHandler<GetTruceStatusQuery> {
  constructor(
    private readonly reader: TruceRecordReader,
    private readonly clock: Clock,
  ) {}

  async execute({ truceId, at, asOf }: GetTruceStatusQuery): Promise<TruceSummary> {
    const now = this.clock.now().toISOString();
    // Without asOf the read models are the record as of now; with it, the log is replayed.
    const record = asOf === undefined ? await this.reader.current(truceId) : await this.reader.asOf(truceId, asOf);
    if (!record) {
      throw DomainError.notFound(
        'TRUCE.NOT_FOUND',
        asOf === undefined ? `No truce ${truceId} is recorded.` : `No truce ${truceId} was recorded as of ${asOf}.`,
      );
    }
    return truceSummary(record.truce, record.incidents, at ?? now, asOf ?? now);
  }
}
