import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { MayBeOmitted } from '../../../common/http/validators';
import { NOT_ATTRIBUTABLE } from '../../domain/incident.events';

export class DetermineAttributionDto {
  @ApiProperty({ example: 'AZE', description: `A party of the truce, or "${NOT_ATTRIBUTABLE}"` })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  attributedTo: string;

  @ApiProperty({ example: 'OSCE SMM', description: 'The monitor making the finding' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by: string;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsString()
  @MaxLength(20000)
  note?: string;
}
