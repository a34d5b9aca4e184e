import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDefined, IsObject, ValidateNested } from 'class-validator';
import { SourceDto } from '../../../common/http/source.dto';
import { CasualtiesDto } from '../../dto/incident-values.dto';

export class ReviseCasualtiesDto {
  @ApiProperty({ type: CasualtiesDto, description: 'The new figures, replacing the earlier ones; missing numbers are 0' })
  @IsDefined()
  // ValidateNested alone would let an array through (each of its no elements is valid).
  @IsObject()
  @ValidateNested()
  @Type(() => CasualtiesDto)
  casualties: CasualtiesDto;

  @ApiProperty({ type: [SourceDto], description: 'At least one' })
  @IsArray()
  @ArrayMinSize(1, { message: 'sources must cite at least one source' })
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'each element must be an object' })
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources: SourceDto[];
}
