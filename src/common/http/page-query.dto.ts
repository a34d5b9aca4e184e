import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min } from 'class-validator';
import { ConsistencyQueryDto } from './consistency-query.dto';
import { MayBeOmitted, stacked } from './validators';

/** ?limit=: how many items a page holds; at most 1,000, like a page of the log. */
export const PageLimit = (fallback: number) =>
  stacked(
    ApiPropertyOptional({ default: fallback, maximum: 1000 }),
    MayBeOmitted(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(1000),
  );

/** ?after=: a page of the log (or of a part of it) holds the events after this position. */
export const AfterPosition = () =>
  stacked(
    ApiPropertyOptional({ default: 0, description: 'Return events with a position greater than this (the nextAfter of the previous page)' }),
    MayBeOmitted(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(Number.MAX_SAFE_INTEGER),
  );

/** A list paged by an opaque cursor (the nextCursor of the previous page). */
export class PageQueryDto extends ConsistencyQueryDto {
  @PageLimit(20)
  limit?: number;

  @ApiPropertyOptional()
  @MayBeOmitted()
  @IsString()
  cursor?: string;
}

/** The nextCursor of a page answered to a PageQueryDto. */
export const NextCursor = () =>
  ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last page', example: null });
