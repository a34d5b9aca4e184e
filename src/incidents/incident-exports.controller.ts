import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain/domain-error';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { ReadProblems } from '../common/http/openapi/read-endpoint.decorator';
import { UUID_404 } from '../common/http/uuid-param';
import { ReadConsistency } from '../event-store/read-consistency';
import { TruceFactsProvider } from '../truces/truce-facts.provider';
import { incidentBatches } from './incident-batches';
import { IncidentFeatureCollectionSchema } from './incident-export.schemas';
import { CSV_COLUMNS, csvRow, flatIncident } from './incident-export.rows';

/**
 * Exports for practitioners' tools. Both stream batch by batch, so an export of a truce with
 * 100,000 incidents never holds them all in memory.
 */
@ApiTags('incidents')
@Controller('truces/:truceId')
export class IncidentExportsController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consistency: ReadConsistency,
    private readonly truces: TruceFactsProvider,
  ) {}

  @Get('incidents.geojson')
  @ApiOperation({ summary: 'Incidents as an RFC 7946 FeatureCollection ([lon, lat], flat properties); those without coordinates are counted in `skipped`' })
  @ApiProduces('application/geo+json')
  @ApiOkResponse({ type: IncidentFeatureCollectionSchema, description: 'Streamed batch by batch' })
  @ReadProblems()
  async geojson(@Param('truceId', UUID_404) truceId: string, @Query() query: ConsistencyQueryDto, @Res() res: Response): Promise<void> {
    await this.consistency.waitFor(query.minPosition);
    const effectiveAt = await this.effectiveAt(truceId);
    res.status(200).type('application/geo+json');
    res.write('{"type":"FeatureCollection","features":[');
    let first = true;
    let skipped = 0;
    for await (const batch of incidentBatches(this.dataSource, truceId)) {
      const chunk: string[] = [];
      for (const incident of batch) {
        const { lat, lon } = incident.location;
        if (lat === undefined || lon === undefined) {
          skipped += 1;
          continue;
        }
        const feature = {
          type: 'Feature',
          id: incident.incidentId,
          geometry: { type: 'Point', coordinates: [lon, lat] },
          properties: flatIncident(incident, effectiveAt),
        };
        chunk.push((first ? '' : ',') + JSON.stringify(feature));
        first = false;
      }
      if (chunk.length) res.write(chunk.join(''));
    }
    res.end(`],"skipped":${skipped}}`);
  }

  @Get('incidents.csv')
  @ApiOperation({ summary: "Incidents as CSV (RFC 4180), columns in the spirit of ACLED's codebook" })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'A header row, then one row per incident (CRLF line ends), as an attachment',
    schema: { type: 'string', example: `${CSV_COLUMNS.join(',')}\r\n…` },
  })
  @ReadProblems()
  async csv(@Param('truceId', UUID_404) truceId: string, @Query() query: ConsistencyQueryDto, @Res() res: Response): Promise<void> {
    await this.consistency.waitFor(query.minPosition);
    const effectiveAt = await this.effectiveAt(truceId);
    res.status(200).type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="truce-${truceId}-incidents.csv"`);
    res.write(stringify([[...CSV_COLUMNS]], { record_delimiter: 'windows' }));
    for await (const batch of incidentBatches(this.dataSource, truceId)) {
      res.write(
        stringify(
          batch.map((incident) => csvRow(incident, effectiveAt)),
          { record_delimiter: 'windows' },
        ),
      );
    }
    res.end();
  }

  private async effectiveAt(truceId: string): Promise<string> {
    const truce = await this.truces.find(truceId);
    if (!truce) throw DomainError.notFound('TRUCE.NOT_FOUND', `No truce ${truceId} is recorded.`);
    return truce.effectiveAt;
  }
}
