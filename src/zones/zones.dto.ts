import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { IsInstant, MayBeOmitted, OneOf, RequiredText, Satisfies } from '../common/http/validators';
import { geometryProblem, ZoneGeometry } from './domain/geometry';
import { isZoneId, ZONE_ID_MAX, ZONE_KINDS, ZoneKind } from './domain/zone';
import { ZoneGeometrySchema } from './zone.schemas';

/** POST /truces/{truceId}/zones */
export class DefineZoneDto {
  @ApiProperty({
    example: 'kapan-area',
    pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$',
    maxLength: ZONE_ID_MAX,
    description: 'A slug, unique within the truce (a retired zone keeps its id)',
  })
  @Satisfies('isZoneId', (value, property) =>
    isZoneId(value)
      ? null
      : `${property} must be a slug of lowercase letters and digits joined by single hyphens, at most ${ZONE_ID_MAX} characters (e.g. kapan-area)`,
  )
  zoneId: string;

  @RequiredText(300, { example: 'Kapan and surroundings' })
  name: string;

  @OneOf(ZONE_KINDS, { enumName: 'ZoneKind' })
  kind: ZoneKind;

  @ApiProperty({
    type: ZoneGeometrySchema,
    description: 'A GeoJSON Polygon or MultiPolygon (RFC 7946: [lon, lat] WGS84, closed rings of at least 4 positions)',
  })
  @Satisfies('isZoneGeometry', (value, property) => {
    const problem = geometryProblem(value);
    return problem && `${problem.path ? `${property}.${problem.path}` : property} ${problem.message}`;
  })
  geometry: ZoneGeometry;

  @ApiPropertyOptional({ default: false, description: "True when the truce's terms cover the zone" })
  @MayBeOmitted()
  @IsBoolean()
  appliesToTruce?: boolean;
}

/** POST /truces/{truceId}/zones/{zoneId}/retire */
export class RetireZoneDto {
  @RequiredText(5000, { example: 'Redrawn after the 18 October agreement.' })
  reason: string;
}

/** GET /truces/{truceId}/zones: record time only (zones have no valid time of their own). */
export class ZonesQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ description: 'Record time: the zones in force as the log knew them then (default now); a zone retired at K is gone as of K' })
  @MayBeOmitted()
  @IsInstant()
  asOf?: string;
}
