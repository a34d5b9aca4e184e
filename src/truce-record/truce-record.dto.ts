import { ApiPropertyOptional } from '@nestjs/swagger';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { AfterPosition, PageLimit } from '../common/http/page-query.dto';
import { IsInstant, MayBeOmitted } from '../common/http/validators';

/** GET /truces/{id}: the two clocks (DOMAIN.md). */
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

/** GET /truces/{id}/history: paged like GET /events. */
export class HistoryQueryDto extends ConsistencyQueryDto {
  @AfterPosition()
  after?: number;

  @PageLimit(100)
  limit?: number;
}
