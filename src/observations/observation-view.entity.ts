import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/column-transformers';
import { ObservationState } from './domain/observation';

/** One row per observation: the fold of its stream, plus the columns lists filter on. */
@Entity({ name: 'observation_view' })
export class ObservationView {
  @PrimaryColumn({ name: 'observation_id', type: 'uuid' })
  observationId: string;

  @Column({ name: 'truce_id', type: 'uuid' })
  truceId: string;

  @Column({ type: 'text' })
  kind: string;

  /** The latest finding's origin. */
  @Column({ type: 'text' })
  origin: string;

  /** The latest finding's assessment. */
  @Column({ type: 'text' })
  assessment: string;

  @Column({ name: 'observed_from', type: 'timestamptz' })
  observedFrom: Date;

  /** End of the observation window, explicit or implied by its precision. */
  @Column({ name: 'observed_to', type: 'timestamptz' })
  observedTo: Date;

  @Column({ type: 'boolean' })
  withdrawn: boolean;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** Global position of the ObservationRecorded event: the order of observation lists. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  position: number;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  state: ObservationState;
}
