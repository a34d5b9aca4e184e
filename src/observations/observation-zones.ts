import { Injectable } from '@nestjs/common';
import { zonesContaining } from '../zones/domain';
import { ZonesReader } from '../zones/zones.reader';
import { ObservationState } from './domain/observation';
import { observationPoint } from './domain/observation-point';

/**
 * Which of a truce's zones in force at `asOf` (default: now) contain each observation's point
 * (observationPoint: estimatedLocation before position): its `zones`, and what a `?zone=` filter matches. An observation without
 * coordinates is in no zone.
 */
@Injectable()
export class ObservationZones {
  constructor(private readonly zones: ZonesReader) {}

  async zonesOf(truceId: string, observations: readonly ObservationState[], asOf?: string): Promise<Map<string, string[]>> {
    return (await this.locator(truceId, asOf))(observations);
  }

  /**
   * The zones in force read once, for a scan that places many batches of observations: every
   * batch is judged against the same zones, and the truce's zones are not read again per batch.
   */
  async locator(truceId: string, asOf?: string): Promise<(observations: readonly ObservationState[]) => Map<string, string[]>> {
    const inForce = await this.zones.inForce(truceId, asOf);
    return (observations) =>
      new Map(
        observations.map((o) => {
          const point = observationPoint(o);
          return [o.observationId, point ? zonesContaining(point, inForce) : []];
        }),
      );
  }
}
