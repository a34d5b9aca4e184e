import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsInstant, MayBeOmitted } from '../../../common/http/validators';
import { PageQueryDto } from '../../../truces/truces.dto';
import { VERIFICATION_STATUSES, VerificationStatus } from '../../domain/incident.events';
import { Classification } from '../../domain/classification';

export const CLASSIFICATIONS: readonly Classification[] = ['post_truce', 'pre_truce', 'ambiguous'];

export class ListIncidentsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Accused party id' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(200)
  accused?: string;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsString()
  @MaxLength(200)
  reportedBy?: string;

  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES })
  @MayBeOmitted()
  @IsIn(VERIFICATION_STATUSES)
  verification?: VerificationStatus;

  @ApiPropertyOptional({ enum: CLASSIFICATIONS })
  @MayBeOmitted()
  @IsIn(CLASSIFICATIONS)
  classification?: Classification;

  @ApiPropertyOptional({ description: 'Occurred (window start) at or after this instant' })
  @MayBeOmitted()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Occurred (window start) before this instant' })
  @MayBeOmitted()
  @IsInstant()
  to?: string;
}
