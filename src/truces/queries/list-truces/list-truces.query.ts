import { Query } from '@nestjs/cqrs';
import { TruceSummary } from '../get-truce-status/truce-summary';

export interface TrucePage {
  items: TruceSummary[];
  nextCursor: string | null;
}

/** Truces newest first; `cursor` is the opaque nextCursor of the previous page. */
export class ListTrucesQuery extends Query<TrucePage> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
