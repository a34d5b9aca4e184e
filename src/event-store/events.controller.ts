import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EventStore } from './event-store.service';
import { EventPage, EventPageSchema, IntegrityReportSchema, StreamEvents, StreamEventsSchema } from './event.schemas';
import { ReadEventsQueryDto } from './events.dto';
import { IntegrityReport, IntegrityService } from './integrity.service';
import { ReadConsistency } from './read-consistency';
import { CheckpointService, SignedCheckpoint } from './transparency/checkpoints';
import { LogTree } from './transparency/log-tree';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { ReadEndpoint } from '../common/http/openapi/read-endpoint.decorator';

@ApiTags('events')
@Controller()
export class EventsController {
  constructor(
    private readonly store: EventStore,
    private readonly integrity: IntegrityService,
    private readonly consistency: ReadConsistency,
    private readonly checkpoints: CheckpointService,
    private readonly tree: LogTree,
  ) {}

  @Get('events')
  @ApiOperation({ summary: 'The log in commit order, as stored; page with ?after=<nextAfter>' })
  @ReadEndpoint(EventPageSchema, { noPathId: true })
  async readAll(@Query() query: ReadEventsQueryDto): Promise<EventPage> {
    await this.consistency.waitFor(query.minPosition);
    const after = query.after ?? 0;
    const items = await this.store.readAll({ after, limit: query.limit ?? 100, type: query.type, streamId: query.streamId });
    return { items, nextAfter: items.length ? items[items.length - 1].position : after };
  }

  @Get('streams/:streamId/events')
  @ApiOperation({ summary: 'One stream in version order, as stored' })
  @ReadEndpoint(StreamEventsSchema)
  async readStream(@Param('streamId') streamId: string, @Query() query: ConsistencyQueryDto): Promise<StreamEvents> {
    await this.consistency.waitFor(query.minPosition);
    const items = streamId.length <= 200 ? await this.store.readStreamAsStored(streamId) : [];
    if (!items.length) throw new NotFoundException({ message: `No stream ${streamId} is recorded.`, code: 'STREAM.NOT_FOUND' });
    return { streamId, items };
  }

  @Get('integrity')
  @ApiOperation({
    summary: "Every stream's hash chain checked, a digest of the whole log, and the signed checkpoint of the same events",
    description:
      'Checks what was appended since the last answer (each event against its predecessor), and everything again at least hourly (`fullCheckAt`); `npm run verify` checks everything now. ' +
      '`checkpoint` is the signed checkpoint of the tree of exactly the events up to headPosition (`checkpoint.treeSize` of them). ' +
      'The chains can only show tampering to whoever trusts this service; the checkpoint, kept and compared by an auditor (`npm run audit`), shows it to anyone.',
  })
  @ReadEndpoint(IntegrityReportSchema, { noPathId: true })
  async check(@Query() query: ConsistencyQueryDto): Promise<IntegrityReport & { checkpoint: SignedCheckpoint }> {
    // Integrity and checkpoints are the primary's: no replica to wait for.
    await this.consistency.waitForPrimary(query.minPosition);
    const report = await this.integrity.latest();
    const checkpoint = await this.checkpoints.at(await this.tree.sizeAtPosition(report.headPosition));
    return { ...report, checkpoint };
  }
}
