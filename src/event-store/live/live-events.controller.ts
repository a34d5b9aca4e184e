import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ReadProblems } from '../../common/http/openapi/read-endpoint.decorator';
import { RequestValidationError } from '../../common/http/validation';
import { EventStore } from '../event-store.service';
import { LiveQueryDto } from './live-query.dto';
import { AppendNotifier } from './append-notifier';
import { ReadConsistency } from '../read-consistency';

const BATCH = 500;
const HEARTBEAT_MS = 15_000;

/**
 * GET /events/live: Server-Sent Events in commit order. Each event's `id:` is its position, so
 * a client that reconnects with Last-Event-ID (or ?after=) resumes exactly after the last event
 * it saw. Appends commit in position order (ADR 0001), so paging by position neither skips nor
 * repeats; the reader sleeps until a commit notification or a heartbeat is due.
 */
@ApiTags('events')
@Controller('events')
export class LiveEventsController {
  constructor(
    private readonly store: EventStore,
    private readonly notifier: AppendNotifier,
    private readonly consistency: ReadConsistency,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'The log as Server-Sent Events from a position; id: is the position' })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this position' })
  @ApiOkResponse({
    description: 'An endless stream: `id:` is the position, `event:` the type, `data:` the Event as JSON; `: heartbeat` comments keep it open',
    schema: { type: 'string', example: 'id: 42\nevent: BreachReported\ndata: {"position":42,…}\n\n' },
  })
  @ReadProblems({ noPathId: true })
  async live(
    @Query() query: LiveQueryDto,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    let cursor = resumePosition(query.after, lastEventId);
    await this.consistency.waitFor(query.minPosition);
    const abort = new AbortController();
    req.on('close', () => abort.abort());

    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 2000\n\n');

    let lastWrite = Date.now();
    while (!abort.signal.aborted && !this.notifier.isClosed) {
      const events = await this.store.readAll({ after: cursor, limit: BATCH, type: query.type, streamId: query.streamId });
      for (const event of events) {
        res.write(`id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        cursor = event.position;
      }
      if (events.length) lastWrite = Date.now();
      if (events.length === BATCH) continue;
      if (Date.now() - lastWrite >= HEARTBEAT_MS) {
        res.write(': heartbeat\n\n');
        lastWrite = Date.now();
      }
      await this.notifier.nextAppend(HEARTBEAT_MS - (Date.now() - lastWrite), abort.signal);
    }
    res.end();
  }
}

function resumePosition(after: number | undefined, lastEventId: string | undefined): number {
  if (lastEventId !== undefined && lastEventId !== '') {
    if (!/^\d{1,15}$/.test(lastEventId)) {
      throw new RequestValidationError([{ field: 'Last-Event-ID', message: 'must be a position this feed sent' }]);
    }
    return Number(lastEventId);
  }
  return after ?? 0;
}
