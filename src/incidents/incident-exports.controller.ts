import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { InjectReadDataSource } from '../database/read-database';
import { Semaphore } from '../common/concurrency/semaphore';
import { DomainError } from '../common/domain/domain-error';
import { ServiceUnavailableError } from '../common/errors/unavailable';
import { ReadProblems } from '../common/http/openapi/read-endpoint.decorator';
import { nodeResponse, streamBody } from '../common/http/streaming';
import { UUID_404 } from '../common/http/uuid-param';
import { AppConfig } from '../config/app-config';
import { ReadConsistency } from '../event-store/read-consistency';
import { TruceFacts } from '../truces/domain/truce-facts';
import { TruceFactsProvider } from '../truces/truce-facts.provider';
import { zonesOfPlace } from '../zones/domain';
import { ZonesReader } from '../zones/zones.reader';
import { IncidentState } from './domain/incident';

/** What an export classifies its incidents against: the truce's E and X. */
type TruceClassifier = Pick<TruceFacts, 'effectiveAt' | 'endAt'>;
import { incidentBatches } from './incident-batches';
import { IncidentFeatureCollectionSchema } from './incident-export.schemas';
import { CSV_COLUMNS, csvRow, flatIncident } from './incident-export.rows';
import { ExportQueryDto } from './incidents.dto';

/**
 * Exports for practitioners' tools. Both stream batch by batch with back-pressure (the next batch
 * is read only once the client has taken the last), so an export of a truce with 100,000
 * incidents never holds them all — nor does a client that stops reading make the service hold
 * them. At most EXPORT_MAX_CONCURRENT exports run at once per instance; more are answered 503.
 */
@ApiTags('incidents')
@Controller('truces/:truceId')
export class IncidentExportsController {
  private readonly slots: Semaphore;

  constructor(
    @InjectReadDataSource() private readonly dataSource: DataSource,
    private readonly consistency: ReadConsistency,
    private readonly truces: TruceFactsProvider,
    private readonly zones: ZonesReader,
    config: AppConfig,
  ) {
    this.slots = new Semaphore(config.EXPORT_MAX_CONCURRENT);
  }

  @Get('incidents.geojson')
  @ApiOperation({ summary: 'Incidents as an RFC 7946 FeatureCollection ([lon, lat], flat properties); those without coordinates are counted in `skipped`' })
  @ApiProduces('application/geo+json')
  @ApiOkResponse({ type: IncidentFeatureCollectionSchema, description: 'Streamed batch by batch' })
  @ReadProblems()
  async geojson(@Param('truceId', UUID_404) truceId: string, @Query() query: ExportQueryDto, @Res() res: unknown): Promise<void> {
    await this.export(truceId, query, res, { 'Content-Type': 'application/geo+json' }, (truce, keep) => geojsonChunks(this.dataSource, truceId, truce, keep));
  }

  @Get('incidents.csv')
  @ApiOperation({ summary: "Incidents as CSV (RFC 4180), columns in the spirit of ACLED's codebook" })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'A header row, then one row per incident (CRLF line ends), as an attachment',
    schema: { type: 'string', example: `${CSV_COLUMNS.join(',')}\r\n…` },
  })
  @ReadProblems()
  async csv(@Param('truceId', UUID_404) truceId: string, @Query() query: ExportQueryDto, @Res() res: unknown): Promise<void> {
    const headers = { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="truce-${truceId}-incidents.csv"` };
    await this.export(truceId, query, res, headers, (truce, keep) => csvChunks(this.dataSource, truceId, truce, keep));
  }

  private async export(
    truceId: string,
    query: ExportQueryDto,
    res: unknown,
    headers: Record<string, string>,
    body: (truce: TruceClassifier, keep: Keep) => AsyncIterable<string>,
  ): Promise<void> {
    if (!this.slots.tryAcquire()) {
      throw new ServiceUnavailableError('EXPORT.TOO_MANY', 'This instance is streaming as many exports as it may; try again shortly.', 10);
    }
    try {
      await this.consistency.waitFor(query.minPosition);
      const truce = await this.truceOf(truceId);
      const keep = await this.zoneFilter(truceId, query.zone);
      const out = nodeResponse(res);
      out.writeHead(200, headers);
      await streamBody(out, body(truce, keep));
    } finally {
      this.slots.release();
    }
  }

  /** `zone=`: only incidents located in that zone, one in force now (a zone not in force contains none). */
  private async zoneFilter(truceId: string, zoneId: string | undefined): Promise<Keep> {
    if (zoneId === undefined) return () => true;
    const zone = (await this.zones.inForce(truceId)).find((z) => z.zoneId === zoneId);
    return zone ? (incident) => zonesOfPlace(incident.location, [zone]).length > 0 : () => false;
  }

  private async truceOf(truceId: string): Promise<TruceClassifier> {
    const truce = await this.truces.find(truceId);
    if (!truce) throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
    return truce;
  }
}

type Keep = (incident: IncidentState) => boolean;

async function* geojsonChunks(dataSource: DataSource, truceId: string, truce: TruceClassifier, keep: Keep): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  let skipped = 0;
  for await (const batch of incidentBatches(dataSource, truceId)) {
    const chunk: string[] = [];
    for (const incident of batch) {
      if (!keep(incident)) continue;
      const { lat, lon } = incident.location;
      if (lat === undefined || lon === undefined) {
        skipped += 1;
        continue;
      }
      const feature = {
        type: 'Feature',
        id: incident.incidentId,
        geometry: { type: 'Point', coordinates: [lon, lat] },
        properties: flatIncident(incident, truce.effectiveAt, truce.endAt ?? null),
      };
      chunk.push((first ? '' : ',') + JSON.stringify(feature));
      first = false;
    }
    if (chunk.length) yield chunk.join('');
  }
  yield `],"skipped":${skipped}}`;
}

async function* csvChunks(dataSource: DataSource, truceId: string, truce: TruceClassifier, keep: Keep): AsyncGenerator<string> {
  yield stringify([[...CSV_COLUMNS]], { record_delimiter: 'windows' });
  for await (const batch of incidentBatches(dataSource, truceId)) {
    const kept = batch.filter(keep);
    if (!kept.length) continue;
    yield stringify(
      kept.map((incident) => csvRow(incident, truce.effectiveAt, truce.endAt ?? null)),
      { record_delimiter: 'windows' },
    );
  }
}
