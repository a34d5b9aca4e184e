import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { SourceDto } from '../source.dto';
import type { Attribution, Denial, IncidentState, VerificationStep } from '../../../incidents/domain/incident';
import {
  CHARACTERIZATIONS,
  Characterization,
  NOT_ATTRIBUTABLE,
  VERIFICATION_METHODS,
  VerificationMethod,
  VerificationStatus,
} from '../../../incidents/domain/incident.events';
import { VERIFICATION_STATUSES } from './enums';

@ApiSchema({ name: 'VerificationStep', description: "A monitor's verification finding, as recorded" })
export class VerificationStepSchema implements VerificationStep {
  @ApiProperty({ enum: VERIFICATION_STATUSES, enumName: 'VerificationStatus' })
  status: VerificationStatus;

  @ApiProperty({ example: 'OSCE SMM' })
  by: string;

  @ApiProperty({ enum: VERIFICATION_METHODS })
  method: VerificationMethod;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'Verification' })
export class VerificationSchema implements Readonly<IncidentState['verification']> {
  @ApiProperty({ enum: VERIFICATION_STATUSES, enumName: 'VerificationStatus', description: 'The latest finding (unverified until one is recorded)' })
  status: VerificationStatus;

  @ApiProperty({ type: [VerificationStepSchema], description: 'Every finding, in the order recorded' })
  history: VerificationStepSchema[];
}

@ApiSchema({ name: 'Attribution', description: "A monitor's attribution finding" })
export class AttributionSchema implements Attribution {
  @ApiProperty({ example: 'AZE', description: `A party id, or \`${NOT_ATTRIBUTABLE}\`` })
  attributedTo: string;

  @ApiProperty()
  by: string;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'Denial' })
export class DenialSchema implements Denial {
  @ApiProperty({ example: 'AZE', description: 'The party denying' })
  deniedBy: string;

  @ApiProperty()
  statement: string;

  @ApiProperty({ enum: CHARACTERIZATIONS })
  characterization: Characterization;

  @ApiProperty({ type: [SourceDto] })
  sources: SourceDto[];

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

@ApiSchema({ name: 'Retraction' })
export class RetractionSchema implements NonNullable<IncidentState['retracted']> {
  @ApiProperty({ description: 'Who retracted (the API key name)' })
  by: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}
