import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { OptionalSources, SourceDto } from '../../../common/http/source.dto';
import { IsInstant, IsTimeZone, MayBeOmitted } from '../../../common/http/validators';
import { Purpose, PURPOSES } from '../../domain/truce.events';

export class PartyDto {
  @ApiProperty({ example: 'ARM', description: 'A stable id, e.g. ISO 3166-1 alpha-3' })
  @IsString()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'id must be 1–64 letters, digits, _ . or -' })
  id: string;

  @ApiProperty({ example: 'Armenia' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}

export class EffectiveAtSourceDto {
  @ApiProperty({ example: 'noon (08:00 GMT)', description: "The source's own words" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  text: string;

  @ApiProperty({ example: 'Asia/Yerevan' })
  @IsTimeZone()
  timezone: string;
}

export class AgreeTruceDto {
  @ApiProperty({ example: 'Humanitarian ceasefire, Moscow statement of 10 October 2020' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ type: [PartyDto] })
  @IsArray()
  @ArrayMinSize(2, { message: 'parties must name at least two parties' })
  @ArrayMaxSize(50)
  @IsObject({ each: true, message: 'each element must be an object' })
  @ValidateNested({ each: true })
  @Type(() => PartyDto)
  parties: PartyDto[];

  @ApiProperty({ example: '2020-10-10T08:00:00Z', description: 'The instant the truce takes effect (UTC)' })
  @IsInstant()
  effectiveAt: string;

  @ApiPropertyOptional({ type: [String], example: ['Russia'] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  mediators?: string[];

  @ApiPropertyOptional({ enum: PURPOSES, isArray: true })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(PURPOSES.length)
  @IsIn(PURPOSES, { each: true })
  purposes?: Purpose[];

  @ApiPropertyOptional({ type: EffectiveAtSourceDto })
  @MayBeOmitted()
  @IsObject()
  @ValidateNested()
  @Type(() => EffectiveAtSourceDto)
  effectiveAtSource?: EffectiveAtSourceDto;

  @ApiPropertyOptional({ example: '2020-10-17T08:00:00Z' })
  @MayBeOmitted()
  @IsInstant()
  endsAt?: string;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsString()
  @MaxLength(20000)
  terms?: string;

  @OptionalSources()
  sources?: SourceDto[];
}
