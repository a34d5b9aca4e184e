import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { Classification } from '../../domain/classification';
import { ReportBreachDto } from './report-breach.dto';

export interface ReportBreachResult extends WriteResult {
  incidentId: string;
  classification: Classification;
}

export class ReportBreachCommand extends Command<ReportBreachResult> {
  constructor(
    readonly truceId: string,
    readonly body: ReportBreachDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
