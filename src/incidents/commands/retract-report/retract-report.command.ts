import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { RetractReportDto } from './retract-report.dto';

export class RetractReportCommand extends Command<WriteResult> {
  constructor(
    readonly incidentId: string,
    readonly body: RetractReportDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
