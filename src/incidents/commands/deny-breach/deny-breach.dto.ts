import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
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

  @ApiProperty({ type: [SourceDto], description: 'Where the denial was made: at least one source' })
  @IsArray()
  @ArrayMinSize(1, { message: 'sources must cite at least one source' })
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'each element must be an object' })
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources: SourceDto[];
}
