import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { RequiredSources, SourceDto } from '../../../common/http/source.dto';
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

  @RequiredSources('Where the denial was made: at least one source')
  sources: SourceDto[];
}
