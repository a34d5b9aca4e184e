import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsUrl, MaxLength, ValidateNested } from 'class-validator';
import { IsInstant, MayBeOmitted, RequiredText } from './validators';

/** Where a claim comes from: every number shown must be traceable to one. */
export class SourceDto {
  @RequiredText(500, { example: 'AP via NewsClick, 10 Oct 2020' })
  name: string;

  @ApiPropertyOptional({ example: 'https://www.newsclick.in/' })
  @MayBeOmitted()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url?: string;
}

const sourceList = () => [
  IsArray(),
  ArrayMaxSize(100),
  IsObject({ each: true, message: 'each element must be an object' }),
  ValidateNested({ each: true }),
  Type(() => SourceDto),
];

/** `sources[]` that a request may leave out. */
export const OptionalSources = () => applyDecorators(ApiPropertyOptional({ type: [SourceDto] }), MayBeOmitted(), ...sourceList());

/** `sources[]` that must cite at least one source. */
export const RequiredSources = (description = 'At least one') =>
  applyDecorators(ApiProperty({ type: [SourceDto], description }), ArrayMinSize(1, { message: 'sources must cite at least one source' }), ...sourceList());

/** `at`: when a lifecycle change takes effect in the world; default: when it is recorded. */
export const EffectiveInstant = () =>
  applyDecorators(ApiPropertyOptional({ description: 'Effective instant; default: when recorded' }), MayBeOmitted(), IsInstant());
