import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { ResumeTruceDto } from './resume-truce.dto';

export class ResumeTruceCommand extends Command<WriteResult> {
  constructor(
    readonly truceId: string,
    readonly body: ResumeTruceDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
