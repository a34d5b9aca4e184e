import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { MayBeOmitted } from './validators';

/** ?minPosition=N: wait (at most 5 s) until the read models reflect position N. */
export class ConsistencyQueryDto {
  @ApiPropertyOptional({ description: 'Wait (≤ 5 s) until read models have caught up to this position' })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}
