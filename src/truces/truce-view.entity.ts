import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '../database/column-transformers';
import { TruceState } from './domain/truce';

/** One row per truce: the fold of its stream. Status is derived from it at read time. */
@Entity({ name: 'truce_view' })
export class TruceView {
  @PrimaryColumn({ name: 'truce_id', type: 'uuid' })
  truceId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  /** Global position of the TruceAgreed event: the newest-first order of GET /truces. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  position: number;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  state: TruceState;
}
