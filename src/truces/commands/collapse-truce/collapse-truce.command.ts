import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { CollapseTruceDto } from './collapse-truce.dto';

export class CollapseTruceCommand extends Command<WriteResult> {
  constructor(
    readonly truceId: string,
    readonly body: CollapseTruceDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
