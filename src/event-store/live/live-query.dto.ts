import { OmitType } from '@nestjs/swagger';
import { ReadEventsQueryDto } from '../events.dto';

/** ?after=, ?type=, ?streamId= as for GET /events (no limit: the feed does not end). */
export class LiveQueryDto extends OmitType(ReadEventsQueryDto, ['limit'] as const) {}
