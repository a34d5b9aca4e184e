import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { EventsController } from '../../../event-store/events.controller';
import type { IncidentPage } from '../../../incidents/queries/list-incidents/list-incidents.query';
import type { TruceHistory } from '../../../truces/queries/get-truce-history/get-truce-history.query';
import type { TrucePage } from '../../../truces/queries/list-truces/list-truces.query';
import { EventSchema } from './event.schema';
import { IncidentSchema } from './incident.schema';
import { TruceSummarySchema } from './truce-summary.schema';

const NEXT_CURSOR = { type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last page' } as const;

@ApiSchema({ name: 'TrucePage', description: 'Truces, newest first' })
export class TrucePageSchema implements TrucePage {
  @ApiProperty({ type: [TruceSummarySchema] })
  items: TruceSummarySchema[];

  @ApiProperty(NEXT_CURSOR)
  nextCursor: string | null;
}

@ApiSchema({ name: 'IncidentPage', description: "A truce's incidents, in the order reported" })
export class IncidentPageSchema implements IncidentPage {
  @ApiProperty({ type: [IncidentSchema] })
  items: IncidentSchema[];

  @ApiProperty(NEXT_CURSOR)
  nextCursor: string | null;
}

@ApiSchema({ name: 'EventPage', description: 'The log in commit order' })
export class EventPageSchema implements Awaited<ReturnType<EventsController['readAll']>> {
  @ApiProperty({ type: [EventSchema] })
  items: EventSchema[];

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Pass as ?after= for the next page (the last position returned, or `after` when none)' })
  nextAfter: number;
}

@ApiSchema({ name: 'StreamEvents', description: 'One stream, in version order' })
export class StreamEventsSchema implements Awaited<ReturnType<EventsController['readStream']>> {
  @ApiProperty()
  streamId: string;

  @ApiProperty({ type: [EventSchema] })
  items: EventSchema[];
}

@ApiSchema({ name: 'TruceHistory', description: 'Every event of the truce and of its incidents, in global order' })
export class TruceHistorySchema implements TruceHistory {
  @ApiProperty({ format: 'uuid' })
  truceId: string;

  @ApiProperty({ type: [EventSchema] })
  items: EventSchema[];
}
