import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MayBeOmitted } from '../../../common/http/validators';
import { RequiredSources, SourceDto } from '../../../common/http/source.dto';
import { REPORTER_TYPES, ReporterType, Weapon, WEAPONS } from '../../domain/incident.events';
import { CasualtiesDto, PlaceDto, TimeSpecDto } from '../../dto/incident-values.dto';

export class ReportBreachDto {
  @ApiProperty({ example: 'ARM', description: 'A party id, or a monitor/media source name (see reporterType)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reportedBy: string;

  @ApiPropertyOptional({ enum: REPORTER_TYPES, default: 'party' })
  @MayBeOmitted()
  @IsIn(REPORTER_TYPES)
  reporterType?: ReporterType;

  @ApiProperty({ example: 'AZE', description: 'Must be a party of the truce' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  accusedParty: string;

  @ApiProperty({ type: TimeSpecDto })
  @IsObject()
  @ValidateNested()
  @Type(() => TimeSpecDto)
  occurredAt: TimeSpecDto;

  @ApiProperty({ type: PlaceDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PlaceDto)
  location: PlaceDto;

  @RequiredSources('At least one')
  sources: SourceDto[];

  @ApiPropertyOptional({ enum: WEAPONS, isArray: true })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(WEAPONS.length)
  @IsIn(WEAPONS, { each: true })
  weapons?: Weapon[];

  @ApiPropertyOptional({ type: CasualtiesDto })
  @MayBeOmitted()
  @IsObject()
  @ValidateNested()
  @Type(() => CasualtiesDto)
  casualties?: CasualtiesDto;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsString()
  @MaxLength(20000)
  description?: string;

  @ApiPropertyOptional({ description: 'The incident this one answers (a counter-accusation)' })
  @MayBeOmitted()
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID('all')
  respondsTo?: string;
}
