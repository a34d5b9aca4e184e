import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsInstant } from '../common/http/validators';

/** ?minPosition=N: wait (at most 5 s) until the read models reflect position N. */
export class ConsistencyQueryDto {
  @ApiPropertyOptional({ description: 'Wait (≤ 5 s) until read models have caught up to this position' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}

export class TruceStatusQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ description: 'Valid time: the instant in the world asked about (default now)', example: '2020-10-10T09:00:00Z' })
  @IsOptional()
  @IsInstant()
  at?: string;

  @ApiPropertyOptional({ description: 'Record time: count only events recorded at or before it (default now)' })
  @IsOptional()
  @IsInstant()
  asOf?: string;
}

export class PageQueryDto extends ConsistencyQueryDto {
  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  cursor?: string;
}
