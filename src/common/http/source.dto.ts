import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsNotEmpty,
  IsString,
  IsUrl,
  MaxLength,
} from 'class-validator';
import { MayBeOmitted } from './validators';

/** Where a claim comes from: every number shown must be traceable to one. */
export class SourceDto {
  @ApiProperty({ example: 'AP via NewsClick, 10 Oct 2020' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  name: string;

  @ApiPropertyOptional({ example: 'https://www.newsclick.in/' })
  @MayBeOmitted()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url?: string;
}
