import { Injectable } from '@nestjs/common';
import { RecordedEvent } from '../event-store/event-store.types';
import { InlineProjection } from '../event-store/inline-projection';
import { SqlClient } from '../event-store/sql-client';
import { isIncidentStream, newIncidentStreams, projectIncidentStreams } from '../incidents/incident-view.projection';
import { isObservationStream, projectObservationStreams } from '../observations/observation-view.projection';
import { isTruceStream, projectTruceStreams } from '../truces/truce-view.projection';

/**
 * Routes events to the read model of their stream. Used inline by every append and, batch by
 * batch, by the rebuild — one code path, so the two cannot drift apart.
 */
@Injectable()
export class ReadModelProjector implements InlineProjection {
  /** A new incident (the bulk of what is written) is projected in the append's INSERT; the rest here. */
  readonly newStreams = newIncidentStreams;

  async apply(sql: SqlClient, events: RecordedEvent[]): Promise<void> {
    const truces = new Map<string, RecordedEvent[]>();
    const incidents = new Map<string, RecordedEvent[]>();
    const observations = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const target = isTruceStream(event.streamId)
        ? truces
        : isIncidentStream(event.streamId)
          ? incidents
          : isObservationStream(event.streamId)
            ? observations
            : null;
      if (!target) continue;
      const list = target.get(event.streamId);
      if (list) list.push(event);
      else target.set(event.streamId, [event]);
    }
    if (truces.size) await projectTruceStreams(sql, truces);
    if (incidents.size) await projectIncidentStreams(sql, incidents);
    if (observations.size) await projectObservationStreams(sql, observations);
  }
}
