import { Query } from '@nestjs/cqrs';
import { RecordedEvent } from '../../../event-store/event-store.types';

export interface TruceHistory {
  truceId: string;
  items: RecordedEvent[];
}

/** Every event of the truce and of its incidents, in global order: the timeline. */
export class GetTruceHistoryQuery extends Query<TruceHistory> {
  constructor(readonly truceId: string) {
    super();
  }
}
