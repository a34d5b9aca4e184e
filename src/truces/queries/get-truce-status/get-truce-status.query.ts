import { Query } from '@nestjs/cqrs';
import { TruceSummary } from './truce-summary';

/** The status of a truce at valid time `at`, as the log knew it at record time `asOf`. */
export class GetTruceStatusQuery extends Query<TruceSummary> {
  constructor(
    readonly truceId: string,
    readonly at?: string,
    readonly asOf?: string,
  ) {
    super();
  }
}
