import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { WriteResultSchema } from '../common/http/openapi/write-result.schema';
import { GEOMETRY_TYPES } from './domain/geometry';
import { ZONE_KINDS, ZoneKind } from './domain/zone';
import type { ZoneDefinedResult } from './zone.command-handler';
import type { ZoneFeatureCollection, ZoneList, ZoneView } from './zones.reader';

@ApiSchema({ name: 'ZoneGeometry', description: 'GeoJSON Polygon or MultiPolygon (RFC 7946), WGS84 [lon, lat]' })
export class ZoneGeometrySchema {
  @ApiProperty({ enum: GEOMETRY_TYPES })
  type: 'Polygon' | 'MultiPolygon';

  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: {} },
    description: 'Polygon: linear rings (outline, then holes), each an array of [lon, lat] positions, closed; MultiPolygon: an array of those',
    example: [
      [
        [46.2, 39.1],
        [46.6, 39.1],
        [46.6, 39.4],
        [46.2, 39.4],
        [46.2, 39.1],
      ],
    ],
  })
  coordinates: unknown[];
}

@ApiSchema({ name: 'ZoneDefined' })
export class ZoneDefinedSchema extends WriteResultSchema implements ZoneDefinedResult {
  @ApiProperty({ example: 'kapan-area' })
  zoneId: string;
}

@ApiSchema({ name: 'Zone', description: 'A zone in force' })
export class ZoneSchema implements Omit<ZoneView, 'geometry'> {
  @ApiProperty({ example: 'kapan-area' })
  zoneId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ZONE_KINDS, enumName: 'ZoneKind' })
  kind: ZoneKind;

  @ApiProperty({ type: ZoneGeometrySchema })
  geometry: ZoneGeometrySchema;

  @ApiProperty()
  appliesToTruce: boolean;

  @ApiProperty({ format: 'date-time', description: 'When the zone was defined (recorded)' })
  definedAt: string;
}

@ApiSchema({ name: 'ZoneList', description: "The truce's zones in force at `asOf`, in the order defined" })
export class ZoneListSchema implements Record<keyof ZoneList, unknown> {
  @ApiProperty({ type: [ZoneSchema] })
  items: ZoneSchema[];
}

@ApiSchema({ name: 'ZoneFeatureProperties' })
export class ZoneFeaturePropertiesSchema {
  @ApiProperty({ description: 'The same as the feature id', example: 'kapan-area' })
  zoneId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ZONE_KINDS, enumName: 'ZoneKind' })
  kind: ZoneKind;

  @ApiProperty()
  appliesToTruce: boolean;

  @ApiProperty({ format: 'date-time' })
  definedAt: string;
}

@ApiSchema({ name: 'ZoneFeature' })
export class ZoneFeatureSchema {
  @ApiProperty({ enum: ['Feature'] })
  type: 'Feature';

  @ApiProperty({ description: 'The zoneId' })
  id: string;

  @ApiProperty({ type: ZoneGeometrySchema })
  geometry: ZoneGeometrySchema;

  @ApiProperty({ type: ZoneFeaturePropertiesSchema })
  properties: ZoneFeaturePropertiesSchema;
}

@ApiSchema({ name: 'ZoneFeatureCollection', description: 'RFC 7946 FeatureCollection of the zones in force' })
export class ZoneFeatureCollectionSchema implements Record<keyof ZoneFeatureCollection, unknown> {
  @ApiProperty({ enum: ['FeatureCollection'] })
  type: 'FeatureCollection';

  @ApiProperty({ type: [ZoneFeatureSchema] })
  features: ZoneFeatureSchema[];
}
