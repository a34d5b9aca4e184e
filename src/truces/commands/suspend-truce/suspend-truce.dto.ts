import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { SourceDto } from '../../../common/http/source.dto';
import { IsInstant, MayBeOmitted } from '../../../common/http/validators';

export class SuspendTruceDto {
  @ApiProperty({ example: 'Russia', description: 'Who suspended the truce: a party, mediator or monitor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by: string;

  @ApiProperty({ example: 'Talks broke off' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;

  @ApiPropertyOptional({ description: 'Effective instant; default: when recorded' })
  @MayBeOmitted()
  @IsInstant()
  at?: string;

  @ApiPropertyOptional({ type: [SourceDto] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'each element must be an object' })
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];
}
