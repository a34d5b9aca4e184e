import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { SuspendTruceDto } from './suspend-truce.dto';

export class SuspendTruceCommand extends Command<WriteResult> {
  constructor(
    readonly truceId: string,
    readonly body: SuspendTruceDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
