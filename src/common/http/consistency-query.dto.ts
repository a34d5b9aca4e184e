import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { MayBeOmitted } from './validators';

/** ?minPosition=N: wait (at most 5 s) until the read models — on the read replica, if one is configured — reflect position N. */
export class ConsistencyQueryDto {
  @ApiPropertyOptional({
    description:
      'Wait (≤ 5 s) until read models have caught up to this position; with a read replica that stays behind, 503 READ.REPLICA_BEHIND (retry after Retry-After)',
  })
  @MayBeOmitted()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}
