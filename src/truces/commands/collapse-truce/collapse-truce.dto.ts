import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { EffectiveInstant, OptionalSources, SourceDto } from '../../../common/http/source.dto';

export class CollapseTruceDto {
  @ApiProperty({ example: 'OSCE Minsk Group', description: 'A party, mediator or monitor' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  declaredBy: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;

  @EffectiveInstant()
  at?: string;

  @OptionalSources()
  sources?: SourceDto[];
}
