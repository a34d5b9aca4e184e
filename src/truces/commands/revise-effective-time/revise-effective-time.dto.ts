import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { OptionalSources, SourceDto } from '../../../common/http/source.dto';
import { IsInstant, MayBeOmitted } from '../../../common/http/validators';
import { EffectiveAtSourceDto } from '../agree-truce/agree-truce.dto';

export class ReviseEffectiveTimeDto {
  @ApiProperty({ example: '2020-10-10T09:00:00Z', description: 'The revised instant the truce took (or takes) effect (UTC)' })
  @IsInstant()
  effectiveAt: string;

  @ApiPropertyOptional({
    type: EffectiveAtSourceDto,
    description: "The source's own words for the revised instant; without it, the earlier words are dropped",
  })
  @MayBeOmitted()
  @IsObject()
  @ValidateNested()
  @Type(() => EffectiveAtSourceDto)
  effectiveAtSource?: EffectiveAtSourceDto;

  @ApiProperty({ example: 'TASS gives 12:00 Moscow time, not local time' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;

  @OptionalSources()
  sources?: SourceDto[];
}
