import { ApiPropertyOptional } from '@nestjs/swagger';
import { ConsistencyQueryDto } from '../common/http/consistency-query.dto';
import { AfterPosition, PageLimit } from '../common/http/page-query.dto';
import { IsString, Matches, MaxLength } from 'class-validator';
import { MayBeOmitted } from '../common/http/validators';

export class ReadEventsQueryDto extends ConsistencyQueryDto {
  @AfterPosition()
  after?: number;

  @PageLimit(100)
  limit?: number;

  @ApiPropertyOptional({ example: 'BreachReported' })
  @MayBeOmitted()
  @Matches(/^[A-Za-z][A-Za-z0-9]{0,99}$/, { message: 'type must be an event type name such as BreachReported' })
  type?: string;

  @ApiPropertyOptional({ example: 'truce-3f0c…' })
  @MayBeOmitted()
  @IsString()
  @MaxLength(200)
  streamId?: string;
}
