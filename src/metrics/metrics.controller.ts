import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { MetricsService } from './metrics.service';

/** A few lines of a scrape after the reference case's first reports (two incidents, one truce). */
const METRICS_EXAMPLE = [
  '# HELP ceasefire_events_appended_total Events appended by this instance, by event type',
  '# TYPE ceasefire_events_appended_total counter',
  'ceasefire_events_appended_total{type="TruceAgreed"} 1',
  'ceasefire_events_appended_total{type="BreachReported"} 2',
  '# HELP ceasefire_event_log_head_position Highest committed global position in the event log',
  '# TYPE ceasefire_event_log_head_position gauge',
  'ceasefire_event_log_head_position 3',
  '',
].join('\n');

@ApiTags('operations')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text exposition format)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', schema: { type: 'string', example: METRICS_EXAMPLE } })
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
