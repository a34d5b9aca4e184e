import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsUUID,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SourceDto } from '../../../common/http/source.dto';
import { IsInstant, MayBeOmitted } from '../../../common/http/validators';
import { END_REASONS, EndReason } from '../../domain/truce.events';

export class EndTruceDto {
  @ApiProperty({ enum: END_REASONS })
  @IsIn(END_REASONS)
  reason: EndReason;

  @ApiPropertyOptional({ description: 'Required when reason is superseded' })
  @ValidateIf((o: EndTruceDto) => o.reason === 'superseded' || o.successorTruceId !== undefined)
  @Transform(({ value }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID('all', { message: 'successorTruceId must be a truce id (UUID); it is required when reason is superseded' })
  successorTruceId?: string;

  @ApiPropertyOptional({ description: 'Effective instant; default: when recorded' })
  @MayBeOmitted()
  @IsInstant()
  at?: string;

  @ApiPropertyOptional({ type: [SourceDto] })
  @MayBeOmitted()
  @IsArray()
  @ArrayMaxSize(100)
  @IsObject({ each: true, message: 'each element must be an object' })
  @ValidateNested({ each: true })
  @Type(() => SourceDto)
  sources?: SourceDto[];
}
