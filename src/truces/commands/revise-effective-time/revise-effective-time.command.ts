import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { ReviseEffectiveTimeDto } from './revise-effective-time.dto';

export class ReviseEffectiveTimeCommand extends Command<WriteResult> {
  constructor(
    readonly truceId: string,
    readonly body: ReviseEffectiveTimeDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
