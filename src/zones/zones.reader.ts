import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain/domain-error';
import { InjectReadDataSource } from '../database/read-database';
import { ZoneGeometry } from './domain/geometry';
import { ZoneKind, ZoneRecord, zonesInForce } from './domain/zone';

/** A zone as GET /truces/{id}/zones shows it (API.md). */
export interface ZoneView {
  zoneId: string;
  name: string;
  kind: ZoneKind;
  geometry: ZoneGeometry;
  appliesToTruce: boolean;
  definedAt: string;
}

export interface ZoneList {
  items: ZoneView[];
}

export interface ZoneFeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; id: string; geometry: ZoneGeometry; properties: Omit<ZoneView, 'geometry'> }[];
}

/**
 * The zones of a truce, from the truce's read model (on the read replica, when there is one) (evolveTruce folds them into its state), so
 * that the zones slice and its users (incidents, observations) read them without knowing truces.
 */
@Injectable()
export class ZonesReader {
  constructor(@InjectReadDataSource() private readonly dataSource: DataSource) {}

  /** Every zone ever defined on the truce (retired ones too), or null when no truce is recorded. */
  async allZones(truceId: string): Promise<{ recordedAt: string; zones: ZoneRecord[] } | null> {
    const rows: { recordedAt: string; zones: ZoneRecord[] | null }[] = await this.dataSource.query(
      `SELECT state->>'recordedAt' AS "recordedAt", state->'zones' AS zones FROM truce_view WHERE truce_id = $1`,
      [truceId],
    );
    return rows.length ? { recordedAt: rows[0].recordedAt, zones: rows[0].zones ?? [] } : null;
  }

  /**
   * The zones in force at record time `asOf` (default: now). TRUCE.NOT_FOUND when no truce is
   * recorded, or none was as of `asOf`.
   */
  async inForce(truceId: string, asOf?: string): Promise<ZoneRecord[]> {
    const found = await this.allZones(truceId);
    if (!found || (asOf !== undefined && found.recordedAt > asOf)) {
      throw DomainError.notFound(
        'TRUCE.NOT_FOUND',
        asOf === undefined ? `No truce ${truceId} is recorded.` : `No truce ${truceId} was recorded as of ${asOf}.`,
      );
    }
    return zonesInForce(found.zones, asOf);
  }
}

export function zoneView({ zoneId, name, kind, geometry, appliesToTruce, definedAt }: ZoneRecord): ZoneView {
  return { zoneId, name, kind, geometry, appliesToTruce, definedAt };
}

export function zoneFeatures(zones: readonly ZoneRecord[]): ZoneFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: zones.map(({ zoneId, name, kind, geometry, appliesToTruce, definedAt }) => ({
      type: 'Feature',
      id: zoneId,
      geometry,
      properties: { zoneId, name, kind, appliesToTruce, definedAt },
    })),
  };
}
