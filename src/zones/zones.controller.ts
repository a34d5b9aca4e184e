import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequireRole } from '../auth/require-role.decorator';
import { ReadEndpoint, ReadProblems } from '../common/http/openapi/read-endpoint.decorator';
import { WriteResultSchema } from '../common/http/openapi/write-result.schema';
import { UUID_404 } from '../common/http/uuid-param';
import { WriteEndpoint } from '../common/http/write-endpoint.decorator';
import { WriteResult } from '../common/http/write-result';
import { ReadConsistency } from '../event-store/read-consistency';
import { Write } from '../write-path/write-context.decorator';
import { WriteContext } from '../write-path/write-context';
import { toZoneGeometry } from './domain/geometry';
import { ZoneCommand } from './domain/zone';
import { ZoneCommandMessage, ZoneDefinedResult } from './zone.command-handler';
import { ZoneDefinedSchema, ZoneFeatureCollectionSchema, ZoneListSchema } from './zone.schemas';
import { DefineZoneDto, RetireZoneDto, ZonesQueryDto } from './zones.dto';
import { ZoneFeatureCollection, zoneFeatures, ZoneList, ZonesReader, zoneView } from './zones.reader';

/** Zones of a truce (API.md, "Zones"): defined and retired by verifiers, read by anyone. */
@ApiTags('zones')
@Controller('truces/:truceId')
export class ZonesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly zones: ZonesReader,
    private readonly consistency: ReadConsistency,
  ) {}

  @Post('zones')
  @RequireRole('verifier')
  @ApiOperation({ summary: 'Define a zone (a GeoJSON Polygon or MultiPolygon); an id already defined on the truce is 409' })
  @WriteEndpoint(ZoneDefinedSchema)
  define(@Param('truceId', UUID_404) truceId: string, @Body() body: DefineZoneDto, @Write() ctx: WriteContext): Promise<ZoneDefinedResult> {
    const data = {
      zoneId: body.zoneId,
      name: body.name,
      kind: body.kind,
      geometry: toZoneGeometry(body.geometry),
      appliesToTruce: body.appliesToTruce ?? false,
    };
    return this.execute({ type: 'DefineZone', truceId, data }, ctx);
  }

  @Post('zones/:zoneId/retire')
  @RequireRole('verifier')
  @ApiOperation({ summary: 'Retire a zone: it is gone from answers as of now (a zone is never edited: retire it and define another)' })
  @WriteEndpoint(WriteResultSchema)
  retire(
    @Param('truceId', UUID_404) truceId: string,
    @Param('zoneId') zoneId: string,
    @Body() body: RetireZoneDto,
    @Write() ctx: WriteContext,
  ): Promise<WriteResult> {
    return this.execute({ type: 'RetireZone', truceId, data: { zoneId, reason: body.reason } }, ctx);
  }

  @Get('zones')
  @ApiOperation({ summary: 'The zones in force, as the log knew them at `asOf`' })
  @ReadEndpoint(ZoneListSchema)
  async list(@Param('truceId', UUID_404) truceId: string, @Query() query: ZonesQueryDto): Promise<ZoneList> {
    await this.consistency.waitFor(query.minPosition);
    return { items: (await this.zones.inForce(truceId, query.asOf)).map(zoneView) };
  }

  @Get('zones.geojson')
  @ApiOperation({ summary: 'The zones in force as an RFC 7946 FeatureCollection (id: the zoneId)' })
  @ApiProduces('application/geo+json')
  @Header('Content-Type', 'application/geo+json')
  @ApiOkResponse({ type: ZoneFeatureCollectionSchema })
  @ReadProblems()
  async geojson(@Param('truceId', UUID_404) truceId: string, @Query() query: ZonesQueryDto): Promise<ZoneFeatureCollection> {
    await this.consistency.waitFor(query.minPosition);
    return zoneFeatures(await this.zones.inForce(truceId, query.asOf));
  }

  private execute<C extends ZoneCommand>(command: C, ctx: WriteContext) {
    return this.commands.execute(new ZoneCommandMessage(command, ctx));
  }
}
