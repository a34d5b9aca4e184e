import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { RecordMilestoneDto } from './record-milestone.dto';

export class RecordMilestoneCommand extends Command<WriteResult> {
  constructor(
    readonly truceId: string,
    readonly body: RecordMilestoneDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
