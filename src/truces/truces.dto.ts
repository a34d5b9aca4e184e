import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { IsInstant, MayBeOmitted } from '../common/http/validators';

export class TruceStatusQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ description: 'Valid time: the instant in the world asked about (default now)', example: '2020-10-10T09:00:00Z' })
  @MayBeOmitted()
  @IsInstant()
  at?: string;

  @ApiPropertyOptional({ description: 'Record time: count only events recorded at or before it (default now)' })
  @MayBeOmitted()
  @IsInstant()
  asOf?: string;
}

export class PageQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ default: 20, maximum: 1000 })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsString()
  cursor?: string;
}
