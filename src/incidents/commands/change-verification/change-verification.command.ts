import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { ChangeVerificationDto } from './change-verification.dto';

export class ChangeVerificationCommand extends Command<WriteResult> {
  constructor(
    readonly incidentId: string,
    readonly body: ChangeVerificationDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
