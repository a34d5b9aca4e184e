import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/column-transformers';
import { IncidentState } from './domain/incident';

/** One row per incident: the fold of its stream, plus the columns lists filter on. */
@Entity({ name: 'incident_view' })
export class IncidentView {
  @PrimaryColumn({ name: 'incident_id', type: 'uuid' })
  incidentId: string;

  @Column({ name: 'truce_id', type: 'uuid' })
  truceId: string;

  @Column({ name: 'reported_by', type: 'text' })
  reportedBy: string;

  @Column({ name: 'accused_party', type: 'text' })
  accusedParty: string;

  @Column({ type: 'text' })
  verification: string;

  @Column({ name: 'occurred_from', type: 'timestamptz' })
  occurredFrom: Date;

  /** End of the occurrence window, explicit or implied by its precision. */
  @Column({ name: 'occurred_to', type: 'timestamptz' })
  occurredTo: Date;

  @Column({ type: 'boolean' })
  retracted: boolean;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** Global position of the BreachReported event: the order of incident lists. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  position: number;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  state: IncidentState;
}
