import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
} from 'class-validator';
import { MayBeOmitted } from '../../../common/http/validators';
import {
  VERIFICATION_METHODS,
  VERIFICATION_STATUSES,
  VerificationMethod,
  VerificationStatus,
} from '../../domain/incident.events';

export class ChangeVerificationDto {
  @ApiProperty({ enum: VERIFICATION_STATUSES })
  @IsIn(VERIFICATION_STATUSES)
  status: VerificationStatus;

  @ApiProperty({ example: 'OSCE SMM', description: 'The monitor making the finding' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by: string;

  @ApiProperty({ enum: VERIFICATION_METHODS })
  @IsIn(VERIFICATION_METHODS)
  method: VerificationMethod;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsString()
  @MaxLength(20000)
  note?: string;
}
