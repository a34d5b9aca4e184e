import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { EndTruceDto } from './end-truce.dto';

export class EndTruceCommand extends Command<WriteResult> {
  constructor(
    readonly truceId: string,
    readonly body: EndTruceDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
