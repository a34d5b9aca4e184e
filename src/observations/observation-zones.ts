import { Injectable } from '@nestjs/common';
import { Place } from '../incidents/domain/value-objects';
import { zonesContaining } from '../zones/domain';
import { ZonesReader } from '../zones/zones.reader';
import { ObservationState } from './domain/observation';

/** The point zone membership is judged by (docs/domain.md, "Zones"): estimatedLocation before position. */
export function observationPoint(observation: Pick<ObservationState, 'estimatedLocation' | 'position'>): { lat: number; lon: number } | null {
  const hasPoint = (place: Place | null): place is Place & { lat: number; lon: number } => place?.lat !== undefined && place?.lon !== undefined;
  if (hasPoint(observation.estimatedLocation)) return { lat: observation.estimatedLocation.lat, lon: observation.estimatedLocation.lon };
  if (hasPoint(observation.position)) return { lat: observation.position.lat, lon: observation.position.lon };
  return null;
}

/**
 * Which of a truce's zones in force at `asOf` (default: now) contain each observation's point
 * (observationPoint): its `zones`, and what a `?zone=` filter matches. An observation without
 * coordinates is in no zone.
 */
@Injectable()
export class ObservationZones {
  constructor(private readonly zones: ZonesReader) {}

  async zonesOf(truceId: string, observations: readonly ObservationState[], asOf?: string): Promise<Map<string, string[]>> {
    const inForce = await this.zones.inForce(truceId, asOf);
    return new Map(
      observations.map((o) => {
        const point = observationPoint(o);
        return [o.observationId, point ? zonesContaining(point, inForce) : []];
      }),
    );
  }
}
