import { ApiProperty, ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';
import { NextCursor } from '../common/http/page-query.dto';
import { EXAMPLE_TRUCE_ID } from '../common/http/openapi/reference-case.examples';
import { SourceDto } from '../common/http/source.dto';
import { EventSchema } from '../event-store/event.schemas';
import { CasualtyTotalsSchema } from '../incidents/casualty.schemas';
import { EndingMark, Purpose, PURPOSES } from '../truces/domain/truce';
import { CollapseSchema, EndingMarkSchema, EndingSchema, LifecycleMarkSchema, MilestoneSchema } from '../truces/truce.schemas';
import { EffectiveAtSourceDto, PartyDto } from '../truces/truces.dto';
import { ByVerification, PartyTally, TRUCE_STATUSES, TruceStatus, TruceStatusView } from './domain/truce-status';
import type { TruceSummary } from './domain/truce-summary';
import { ObservationCountsSchema } from './observation-counts.schema';
import type { TruceHistory, TrucePage } from './truce-record.queries';

/** A count, with its value in the 10 October 2020 example (two breaches alleged, both denied, none verified). */
const count = (description?: string, example = 0): ApiPropertyOptions => ({ type: 'integer', minimum: 0, description, example });

@ApiSchema({ name: 'ByVerification', description: 'Counts per verification status' })
export class ByVerificationSchema implements ByVerification {
  @ApiProperty(count(undefined, 2))
  unverified: number;

  @ApiProperty(count())
  corroborated: number;

  @ApiProperty(count())
  confirmed: number;

  @ApiProperty(count())
  refuted: number;

  @ApiProperty(count())
  inconclusive: number;
}

@ApiSchema({ name: 'TruceCounts', description: 'Incidents that had occurred by `at`' })
export class TruceCountsSchema implements Readonly<TruceStatusView['counts']> {
  @ApiProperty(count('Post-truce incidents, neither retracted nor refuted', 2))
  breaches: number;

  @ApiProperty(count('Incidents whose time window straddles the effective instant or the end'))
  ambiguous: number;

  @ApiProperty(count('Incidents wholly before the effective instant'))
  preTruce: number;

  @ApiProperty(count('Incidents wholly at or after the end (the counting collapse or end, or endsAt, whichever is earliest)'))
  afterEnd: number;

  @ApiProperty(count('Breaches with at least one denial', 2))
  denied: number;

  @ApiProperty({ type: ByVerificationSchema, description: 'Post-truce incidents (refuted ones too) by verification status' })
  byVerification: ByVerificationSchema;

  @ApiProperty({ type: ObservationCountsSchema })
  observations: ObservationCountsSchema;
}

@ApiSchema({
  name: 'TruceCasualtyTotals',
  description: 'Casualty sums over the breaches counted (not refuted), best figures; disjoint, so the two add up',
})
export class CasualtyGrandTotalsSchema implements Readonly<TruceStatusView['totals']> {
  @ApiProperty({ type: CasualtyTotalsSchema, description: 'In every breach not confirmed, as alleged' })
  casualtiesAlleged: CasualtyTotalsSchema;

  @ApiProperty({ type: CasualtyTotalsSchema, description: 'In confirmed breaches' })
  casualtiesConfirmed: CasualtyTotalsSchema;
}

@ApiSchema({ name: 'PartyTally', description: "One party's count of breaches (docs/domain.md)" })
export class PartyTallySchema implements PartyTally {
  @ApiProperty({ example: 'ARM' })
  id: string;

  @ApiProperty({ example: 'Armenia' })
  name: string;

  @ApiProperty(count('Breaches this party reported', 1))
  reportsMade: number;

  @ApiProperty({ type: ByVerificationSchema, description: "This party's own reports by verification status" })
  reportsMadeByVerification: ByVerificationSchema;

  @ApiProperty(count('Breaches this party is accused of', 1))
  accusedIn: number;

  @ApiProperty(count('Denials this party made', 1))
  deniedCount: number;

  @ApiProperty({ type: ByVerificationSchema, description: 'Accusations against this party by verification status' })
  byVerification: ByVerificationSchema;

  @ApiProperty({ type: CasualtyTotalsSchema, description: 'Best estimates in breaches this party is accused of, not confirmed (nor refuted)' })
  casualtiesAlleged: CasualtyTotalsSchema;

  @ApiProperty({ type: CasualtyTotalsSchema, description: 'Best estimates in confirmed breaches this party is accused of' })
  casualtiesConfirmed: CasualtyTotalsSchema;

  @ApiProperty({ type: CasualtyTotalsSchema, description: 'Best estimates in breaches attributed to this party (not refuted)' })
  casualtiesAttributed: CasualtyTotalsSchema;

  @ApiProperty(count('Post-truce, non-withdrawn observations whose origin names this party'))
  observations: number;
}

@ApiSchema({ name: 'TruceEnd', description: 'How the truce ended, as the record says' })
export class TruceEndSchema implements NonNullable<TruceSummary['end']> {
  @ApiProperty({ enum: ['collapsed', 'ended'], example: 'collapsed' })
  kind: 'collapsed' | 'ended';

  @ApiProperty({ format: 'date-time', description: 'Effective instant', example: '2020-10-17T08:00:00Z' })
  at: string;

  @ApiProperty({
    example: 'Shelling resumed along the line of contact',
    description: 'The reason given for the collapse, or the end reason (expired, superseded, purpose_fulfilled)',
  })
  reason: string;
}

/** GET /truces/{truceId}: mirrors truceSummary(), which the compiler checks through `implements`. */
@ApiSchema({ name: 'TruceSummary', description: 'The truce as agreed and its status at `at`, as the log knew it at `asOf`' })
export class TruceSummarySchema implements TruceSummary {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRUCE_ID })
  truceId: string;

  @ApiProperty({ example: 'Humanitarian ceasefire, Moscow statement of 10 October 2020' })
  name: string;

  @ApiProperty({ type: [PartyDto], description: 'As agreed' })
  parties: PartyDto[];

  @ApiProperty({ type: [String], example: ['Russia'] })
  mediators: string[];

  @ApiProperty({ enum: PURPOSES, isArray: true, example: ['prisoner_exchange', 'remains_exchange'] })
  purposes: Purpose[];

  @ApiProperty({
    format: 'date-time',
    description: 'The effective instant now recorded (incidents are classified against it)',
    example: '2020-10-10T08:00:00Z',
  })
  effectiveAt: string;

  @ApiProperty({ type: EffectiveAtSourceDto, nullable: true })
  effectiveAtSource: EffectiveAtSourceDto | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  endsAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Exchange of prisoners and bodies, facilitated by the ICRC' })
  terms: string | null;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ enum: TRUCE_STATUSES, enumName: 'TruceStatus', description: 'Status at `at` (docs/domain.md, rules in order)', example: 'contested' })
  status: TruceStatus;

  @ApiProperty({ format: 'date-time', description: 'Valid time asked about (echoed; default now)', example: '2020-10-11T12:00:00Z' })
  at: string;

  @ApiProperty({ format: 'date-time', description: 'Record time asked about (echoed; default now)', example: '2020-10-11T12:00:00Z' })
  asOf: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Start of the latest breach not refuted', example: '2020-10-10T20:30:00Z' })
  lastBreachAt: string | null;

  @ApiProperty({ type: TruceCountsSchema })
  counts: TruceCountsSchema;

  @ApiProperty({ type: CasualtyGrandTotalsSchema, description: 'Casualty sums over all breaches (best figures)' })
  totals: CasualtyGrandTotalsSchema;

  @ApiProperty({ type: [PartyTallySchema], description: 'One entry per party' })
  tally: PartyTallySchema[];

  @ApiProperty({ type: [MilestoneSchema], description: 'Milestones effective by `at`' })
  milestones: MilestoneSchema[];

  @ApiProperty({
    type: TruceEndSchema,
    nullable: true,
    description: 'The recorded collapse or end that counts (the earlier of the two); null when none does (endsAt is apart)',
  })
  end: TruceEndSchema | null;

  @ApiProperty({ type: CollapseSchema, nullable: true, description: 'The collapse that counts: the latest recorded, unless a later reopening withdrew it' })
  collapsed: CollapseSchema | null;

  @ApiProperty({ type: EndingSchema, nullable: true, description: 'The end that counts, likewise' })
  ended: EndingSchema | null;

  @ApiProperty({ type: [EndingMarkSchema], description: 'Every collapse, end and reopening, in the order recorded' })
  endingHistory: EndingMark[];

  @ApiProperty({ type: [LifecycleMarkSchema], description: 'Every suspension and resumption, in the order recorded' })
  suspensions: LifecycleMarkSchema[];

  @ApiProperty({ format: 'date-time', description: 'When the truce was recorded', example: '2020-10-10T07:40:00Z' })
  recordedAt: string;

  @ApiProperty({ type: 'integer', description: "The truce stream's version (for If-Match)", example: 1 })
  streamVersion: number;
}

@ApiSchema({ name: 'TrucePage', description: 'Truces, newest first' })
export class TrucePageSchema implements TrucePage {
  @ApiProperty({ type: [TruceSummarySchema] })
  items: TruceSummarySchema[];

  @NextCursor()
  nextCursor: string | null;
}

@ApiSchema({ name: 'TruceHistory', description: 'Every event of the truce and of its incidents, in global order' })
export class TruceHistorySchema implements TruceHistory {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_TRUCE_ID })
  truceId: string;

  @ApiProperty({ type: [EventSchema] })
  items: EventSchema[];

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'Pass as `after` for the next page (the last position here, or `after` when the page is empty)',
    example: 4,
  })
  nextAfter: number;
}
