import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsUrl, MaxLength, ValidateNested } from 'class-validator';
import ISO6391 from 'iso-639-1';
import { Credibility, CREDIBILITY_GRADES, Reliability, RELIABILITY_GRADES, SourceKind, SOURCE_KINDS } from '../domain/source';
import { IsInstant, MayBeOmitted, OptionalOneOf, OptionalText, RequiredText, Satisfies, stacked } from './validators';

/** An ISO 639-1 code as the standard lists it: two lowercase letters naming a language (`hy`, not `HY` or `xx`). */
export function isLanguageCode(value: unknown): boolean {
  return typeof value === 'string' && /^[a-z]{2}$/.test(value) && ISO6391.validate(value);
}

/** An optional `language`: an ISO 639-1 code. */
export function OptionalLanguageCode(description = 'ISO 639-1 code of the language, e.g. `hy`, `az`, `ru`') {
  const rule = Satisfies('isLanguageCode', (value, property) =>
    isLanguageCode(value) ? null : `${property} must be an ISO 639-1 language code (two lowercase letters, e.g. hy, az, ru)`,
  );
  return stacked(ApiPropertyOptional({ example: 'hy', pattern: '^[a-z]{2}$', description }), MayBeOmitted(), rule as PropertyDecorator);
}

/** Where a claim comes from: every number shown must be traceable to one. Grades on the Admiralty (NATO) scale. */
export class SourceDto {
  @RequiredText(500, { example: 'AP via NewsClick, 10 Oct 2020' })
  name: string;

  @ApiPropertyOptional({ example: 'https://www.newsclick.in/' })
  @MayBeOmitted()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url?: string;

  @OptionalOneOf(SOURCE_KINDS, { enumName: 'SourceKind' })
  kind?: SourceKind;

  @OptionalOneOf(RELIABILITY_GRADES, {
    enumName: 'SourceReliability',
    description: 'Reliability of the source, A (completely reliable) to F (cannot be judged)',
  })
  reliability?: Reliability;

  @ApiPropertyOptional({
    type: 'integer',
    enum: [...CREDIBILITY_GRADES],
    description: 'Credibility of the information, a JSON integer 1 (confirmed by other sources) to 6 (truth cannot be judged); strings such as "1" are refused',
  })
  @MayBeOmitted()
  @IsInt({ message: 'credibility must be an integer from 1 to 6' })
  @IsIn([...CREDIBILITY_GRADES], { message: 'credibility must be an integer from 1 to 6' })
  credibility?: Credibility;

  @ApiPropertyOptional({ description: 'Whether the source saw or heard it itself' })
  @MayBeOmitted()
  @IsBoolean()
  firstHand?: boolean;

  @OptionalLanguageCode("ISO 639-1 code of the source's language, e.g. `hy`")
  language?: string;

  @OptionalText(20000, { description: 'The words in their original language' })
  verbatim?: string;
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
