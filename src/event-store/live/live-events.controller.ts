import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Semaphore } from '../../common/concurrency/semaphore';
import { ServiceUnavailableError } from '../../common/errors/unavailable';
import { ReadProblems } from '../../common/http/openapi/read-endpoint.decorator';
import { nodeResponse } from '../../common/http/streaming';
import { RequestValidationError } from '../../common/http/validation';
import { AppConfig } from '../../config/app-config';
import { EventStore } from '../event-store.service';
import { ReadConsistency } from '../read-consistency';
import { LiveFeedHub } from './live-feed-hub';
import { LiveFeedSession } from './live-feed-session';
import { LiveQueryDto } from './live-query.dto';
import { ReadHead } from './read-head';

/** Clients reading catch-up pages from the database at once; the others wait their turn. */
const CATCH_UP_READERS = 4;

/**
 * GET /events/live: Server-Sent Events in commit order. Each event's `id:` is its position, so
 * a client that reconnects with Last-Event-ID (or ?after=) resumes exactly after the last event
 * it saw. Appends commit in position order (ADR 0001), so paging by position neither skips nor
 * repeats. Connections per instance are capped, every client is served with back-pressure
 * (live-feed-session.ts), and a failing database ends the stream so the client reconnects.
 */
@ApiTags('events')
@Controller('events')
export class LiveEventsController {
  private open = 0;
  private readonly catchUp = new Semaphore(CATCH_UP_READERS);

  constructor(
    private readonly store: EventStore,
    private readonly head: ReadHead,
    private readonly hub: LiveFeedHub,
    private readonly consistency: ReadConsistency,
    private readonly config: AppConfig,
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
  async live(@Query() query: LiveQueryDto, @Headers('last-event-id') lastEventId: string | undefined, @Res() res: unknown): Promise<void> {
    const after = resumePosition(query.after, lastEventId);
    if (this.open >= this.config.LIVE_FEED_MAX_CLIENTS) {
      throw new ServiceUnavailableError('LIVE.TOO_MANY_CLIENTS', 'This instance serves as many live feeds as it may; try again shortly.', 10);
    }
    await this.consistency.waitFor(query.minPosition);
    this.open += 1;
    const abort = new AbortController();
    const out = nodeResponse(res);
    // The response closes when the client goes away (or the feed ends).
    out.on('close', () => abort.abort());
    out.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    out.write('retry: 2000\n\n');
    const session = new LiveFeedSession(
      out,
      after,
      { type: query.type, streamId: query.streamId },
      {
        store: this.store,
        hub: this.hub,
        head: this.head,
        catchUp: this.catchUp,
        bufferBytes: this.config.LIVE_FEED_CLIENT_BUFFER_BYTES,
      },
    );
    try {
      await session.run(abort.signal);
    } catch {
      // The database failed or the client stalled: ending the response makes EventSource reconnect.
      if (!out.writableEnded) out.end();
    } finally {
      this.open -= 1;
    }
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
