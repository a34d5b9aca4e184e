import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDefined, IsIn, IsInt, Max, Min } from 'class-validator';
import { MayBeOmitted } from '../../common/http/validators';

/**
 * A count or index in plain decimal: not `1e3`, `0x10`, ` 7` or `` (which Number() would all
 * take), since a proof for another size than the one asked would only mislead.
 */
function DecimalInteger(name: string, minimum: number) {
  return (target: object, property: string) => {
    Transform(({ value }) => (typeof value === 'string' && /^(0|[1-9][0-9]{0,15})$/.test(value) ? Number(value) : value))(target, property);
    IsDefined({ message: `${name} is required` })(target, property);
    IsInt({ message: `${name} must be a whole number in decimal` })(target, property);
    Min(minimum, { message: `${name} must be at least ${minimum}` })(target, property);
    Max(Number.MAX_SAFE_INTEGER, { message: `${name} must be at most ${Number.MAX_SAFE_INTEGER}` })(target, property);
  };
}

export class CheckpointQueryDto {
  @ApiPropertyOptional({
    enum: ['text', 'json'],
    default: 'text',
    description: '`json` for `{origin, treeSize, rootHash, signedNote}` instead of the signed note as text/plain',
  })
  @MayBeOmitted()
  @IsIn(['text', 'json'], { message: 'format must be text or json' })
  format?: 'text' | 'json';
}

export class InclusionProofQueryDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 0, description: "The event's logIndex" })
  @DecimalInteger('logIndex', 0)
  logIndex: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 3,
    description: 'The size of the checkpoint to prove against (greater than logIndex, at most the current size)',
  })
  @DecimalInteger('treeSize', 1)
  treeSize: number;
}

export class ConsistencyProofQueryDto {
  @ApiProperty({ type: 'integer', minimum: 0, example: 2, description: 'The size of the older checkpoint' })
  @DecimalInteger('from', 0)
  from: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'The size of the newer checkpoint (at least from, at most the current size)' })
  @DecimalInteger('to', 0)
  to: number;
}
