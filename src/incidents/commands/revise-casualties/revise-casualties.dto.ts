import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';
import { RequiredSources, SourceDto } from '../../../common/http/source.dto';
import { CasualtiesDto } from '../../dto/incident-values.dto';

export class ReviseCasualtiesDto {
  @ApiProperty({ type: CasualtiesDto, description: 'The new figures, replacing the earlier ones; missing numbers are 0' })
  @IsDefined()
  // ValidateNested alone would let an array through (each of its no elements is valid).
  @IsObject()
  @ValidateNested()
  @Type(() => CasualtiesDto)
  casualties: CasualtiesDto;

  @RequiredSources('At least one')
  sources: SourceDto[];
}
