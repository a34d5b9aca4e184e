import { Injectable } from '@nestjs/common';
import { Place } from '../incidents/domain/value-objects';
import { ObservationState } from './domain/observation';

/** The point zone membership is judged by (DOMAIN.md, "Zones"): estimatedLocation before position. */
export function observationPoint(observation: Pick<ObservationState, 'estimatedLocation' | 'position'>): { lat: number; lon: number } | null {
  const hasPoint = (place: Place | null): place is Place & { lat: number; lon: number } => place?.lat !== undefined && place?.lon !== undefined;
  if (hasPoint(observation.estimatedLocation)) return { lat: observation.estimatedLocation.lat, lon: observation.estimatedLocation.lon };
  if (hasPoint(observation.position)) return { lat: observation.position.lat, lon: observation.position.lon };
  return null;
}

/**
 * SEAM for zones (src/zones, built separately): which of a truce's zones in force at `asOf`
 * contain each observation's point (observationPoint). Until zones are wired in here, no zone
 * contains anything: every observation's `zones` is [] and a `?zone=` filter matches nothing.
 * Wiring: inject the zones' read side and answer, per observation id, the zoneIds whose
 * geometry contains observationPoint(observation).
 */
@Injectable()
export class ObservationZones {
  async zonesOf(_truceId: string, observations: readonly ObservationState[], _asOf?: string): Promise<Map<string, string[]>> {
    return new Map(observations.map((o) => [o.observationId, []]));
  }
}
