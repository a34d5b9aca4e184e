import { Injectable } from '@nestjs/common';
import { PublishableObservation } from './domain/observation-items';

/**
 * SEAM: the observations of a truce, as currently recorded (the reader takes them back to `asOf`).
 * The observations slice (src/observations) is built separately; until it is wired in here, a
 * truce has none and the figures count incidents only. Wiring: a provider for this class that
 * reads the `state` of the truce's rows of observation_view through the read DataSource
 * (ObservationState satisfies PublishableObservation).
 */
@Injectable()
export class TruceObservations {
  async of(_truceId: string): Promise<PublishableObservation[]> {
    return [];
  }
}
