import { CopyValue } from './copy-from-stdin';
import { INCIDENT_UPCASTERS } from '../incidents/domain/incident.upcasters';
import { evolveIncident, IncidentState } from '../incidents/domain/incident';
import { incidentRow, isIncidentStream } from '../incidents/incident-view.projection';
import { evolveObservation, ObservationState } from '../observations/domain/observation';
import { isObservationStream, observationRow } from '../observations/observation-view.projection';
import type { FoldedEvent } from './stream-ordered-fold';

/**
 * A read model whose rows a rebuild writes with COPY: each row the fold of its whole stream, made
 * by the same evolve and row functions as the inline projection (incident-view.projection and
 * observation-view.projection), so the rows are the ones live appends leave.
 */
export interface CopiedReadModel<S = unknown> {
  table: string;
  owns(streamId: string): boolean;
  evolve(state: S | null, event: FoldedEvent): S | null;
  /** The event whose position the row keeps (as the inline projection does): the stream's first. */
  positionEvent: string;
  row(state: S, position: number): Record<string, CopyValue>;
}

const incidents: CopiedReadModel<IncidentState> = {
  table: 'incident_view',
  owns: isIncidentStream,
  evolve: (state, event) => evolveIncident(state, event as never),
  positionEvent: 'BreachReported',
  row: incidentRow,
};

const observations: CopiedReadModel<ObservationState> = {
  table: 'observation_view',
  owns: isObservationStream,
  evolve: (state, event) => evolveObservation(state, event as never),
  positionEvent: 'ObservationRecorded',
  row: observationRow,
};

/**
 * The models with many rows. Streams of any other model (the few truces) go through the inline
 * projection itself, batch by batch.
 */
export const COPIED_READ_MODELS: readonly CopiedReadModel[] = [incidents, observations] as CopiedReadModel[];

/**
 * The upcasters of the copied models' events (the incidents'; the app registers the same list with
 * the store). Fold worker threads have no store: they upcast with these, so the rebuild folds in
 * threads only when the store's list is this one.
 */
export const COPIED_MODEL_UPCASTERS = INCIDENT_UPCASTERS;
