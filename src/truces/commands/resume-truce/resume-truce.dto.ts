import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { EffectiveInstant, OptionalSources, SourceDto } from '../../../common/http/source.dto';

export class ResumeTruceDto {
  @ApiProperty({ example: 'Russia', description: 'Who resumed the truce: a party, mediator or monitor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  by: string;

  @ApiProperty({ example: 'Talks resumed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;

  @EffectiveInstant()
  at?: string;

  @OptionalSources()
  sources?: SourceDto[];
}
