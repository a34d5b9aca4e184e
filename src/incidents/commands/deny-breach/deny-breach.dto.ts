import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { SourceDto } from '../../../common/http/source.dto';
import { Characterization, CHARACTERIZATIONS } from '../../domain/incident.events';

export class DenyBreachDto {
  @ApiProperty({ example: 'AZE', description: 'A party of the truce' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  deniedBy: string;

  @ApiProperty({ description: 'The denial, verbatim', example: 'A provocation.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20000)
  statement: string;

  @ApiProperty({ enum: CHARACTERIZATIONS })
  @IsIn(CHARACTERIZATIONS)
  characterization: Characterization;

  @ApiPropertyOptional({ type: [SourceDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];
}
