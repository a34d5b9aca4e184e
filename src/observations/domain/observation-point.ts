import { Place } from '../../incidents/domain/value-objects';
import { ObservationState } from './observation';

type Placed = Pick<ObservationState, 'estimatedLocation' | 'position'>;

const hasPoint = (place: Place | null): place is Place & { lat: number; lon: number } => place?.lat !== undefined && place?.lon !== undefined;

/**
 * Where an observation is placed (zones, maps, exports): where the monitors put what they saw
 * (estimatedLocation) when it has coordinates, else where they stood (position).
 */
export function observedPlace(observation: Placed): Place {
  return hasPoint(observation.estimatedLocation) ? observation.estimatedLocation : observation.position;
}

/** The coordinates of observedPlace, or null when it has none. */
export function observationPoint(observation: Placed): { lat: number; lon: number } | null {
  const place = observedPlace(observation);
  return hasPoint(place) ? { lat: place.lat, lon: place.lon } : null;
}
