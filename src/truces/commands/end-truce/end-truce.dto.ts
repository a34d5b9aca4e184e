import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsUUID, ValidateIf } from 'class-validator';
import { EffectiveInstant, OptionalSources, SourceDto } from '../../../common/http/source.dto';
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

  @EffectiveInstant()
  at?: string;

  @OptionalSources()
  sources?: SourceDto[];
}
