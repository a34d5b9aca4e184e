import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { Semaphore } from '../common/concurrency/semaphore';
import { DomainError } from '../common/domain/domain-error';
import { ServiceUnavailableError } from '../common/errors/unavailable';
import { ReadProblems } from '../common/http/openapi/read-endpoint.decorator';
import { nodeResponse, streamBody } from '../common/http/streaming';
import { UUID_404 } from '../common/http/uuid-param';
import { AppConfig } from '../config/app-config';
import { InjectReadDataSource } from '../database/read-database';
import { ReadConsistency } from '../event-store/read-consistency';
import { TruceFactsProvider } from '../truces/truce-facts.provider';
import { ObservationFeatureCollectionSchema } from './observation-export.schemas';
import { flatObservation, OBSERVATION_CSV_COLUMNS, observationCsvRow } from './observation-export.rows';
import { ObservationFilter, observationBatches } from './observation-scan';
import { observationPoint } from './domain/observation-point';
import { ObservationZones } from './observation-zones';
import { ObservationFilterDto } from './observations.dto';

/**
 * Observation exports, the way incidents are exported (IncidentExportsController): streamed
 * batch by batch with back-pressure, at most EXPORT_MAX_CONCURRENT per instance (this
 * controller's own slots), more answered 503. They take the list's filters.
 */
@ApiTags('observations')
@Controller('truces/:truceId')
export class ObservationExportsController {
  private readonly slots: Semaphore;

  constructor(
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly consistency: ReadConsistency,
    private readonly truces: TruceFactsProvider,
    private readonly zones: ObservationZones,
    config: AppConfig,
  ) {
    this.slots = new Semaphore(config.EXPORT_MAX_CONCURRENT);
  }

  @Get('observations.geojson')
  @ApiOperation({
    summary:
      'Observations as an RFC 7946 FeatureCollection ([lon, lat] of estimatedLocation, else position; flat properties); those without coordinates are counted in `skipped`',
  })
  @ApiProduces('application/geo+json')
  @ApiOkResponse({ type: ObservationFeatureCollectionSchema, description: 'Streamed batch by batch' })
  @ReadProblems()
  async geojson(@Param('truceId', UUID_404) truceId: string, @Query() query: ObservationFilterDto, @Res() res: unknown): Promise<void> {
    await this.export(truceId, query, res, { 'Content-Type': 'application/geo+json' }, (effectiveAt, endAt, filter) =>
      this.geojsonChunks(truceId, effectiveAt, endAt, filter),
    );
  }

  @Get('observations.csv')
  @ApiOperation({ summary: "Observations as CSV (RFC 4180), columns in the spirit of ACLED's codebook" })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'A header row, then one row per observation (CRLF line ends), as an attachment',
    schema: { type: 'string', example: `${OBSERVATION_CSV_COLUMNS.join(',')}\r\n…` },
  })
  @ReadProblems()
  async csv(@Param('truceId', UUID_404) truceId: string, @Query() query: ObservationFilterDto, @Res() res: unknown): Promise<void> {
    const headers = { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="truce-${truceId}-observations.csv"` };
    await this.export(truceId, query, res, headers, (effectiveAt, endAt, filter) => this.csvChunks(truceId, effectiveAt, endAt, filter));
  }

  private async export(
    truceId: string,
    query: ObservationFilterDto,
    res: unknown,
    headers: Record<string, string>,
    body: (effectiveAt: string, endAt: string | null, filter: ObservationFilter) => AsyncIterable<string>,
  ): Promise<void> {
    if (!this.slots.tryAcquire()) {
      throw new ServiceUnavailableError('EXPORT.TOO_MANY', 'This instance is streaming as many exports as it may; try again shortly.', 10);
    }
    try {
      const { minPosition, ...filter } = query;
      await this.consistency.waitFor(minPosition);
      const truce = await this.truces.find(truceId);
      if (!truce) throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
      const out = nodeResponse(res);
      out.writeHead(200, headers);
      await streamBody(out, body(truce.effectiveAt, truce.endAt ?? null, filter));
    } finally {
      this.slots.release();
    }
  }

  private async *geojsonChunks(truceId: string, effectiveAt: string, endAt: string | null, filter: ObservationFilter): AsyncGenerator<string> {
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    let skipped = 0;
    for await (const { rows, zones } of observationBatches(this.dataSource, this.zones, truceId, filter)) {
      const chunk: string[] = [];
      for (const { state } of rows) {
        const point = observationPoint(state);
        if (!point) {
          skipped += 1;
          continue;
        }
        const feature = {
          type: 'Feature',
          id: state.observationId,
          geometry: { type: 'Point', coordinates: [point.lon, point.lat] },
          properties: flatObservation(state, effectiveAt, endAt, zones.get(state.observationId) ?? []),
        };
        chunk.push((first ? '' : ',') + JSON.stringify(feature));
        first = false;
      }
      if (chunk.length) yield chunk.join('');
    }
    yield `],"skipped":${skipped}}`;
  }

  private async *csvChunks(truceId: string, effectiveAt: string, endAt: string | null, filter: ObservationFilter): AsyncGenerator<string> {
    yield stringify([[...OBSERVATION_CSV_COLUMNS]], { record_delimiter: 'windows' });
    for await (const { rows, zones } of observationBatches(this.dataSource, this.zones, truceId, filter)) {
      yield stringify(
        rows.map(({ state }) => observationCsvRow(state, effectiveAt, endAt, zones.get(state.observationId) ?? [])),
        { record_delimiter: 'windows' },
      );
    }
  }
}
