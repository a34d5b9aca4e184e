import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { DenyBreachDto } from './deny-breach.dto';

export class DenyBreachCommand extends Command<WriteResult> {
  constructor(
    readonly incidentId: string,
    readonly body: DenyBreachDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
