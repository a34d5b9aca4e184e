import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { ReviseCasualtiesDto } from './revise-casualties.dto';

export class ReviseCasualtiesCommand extends Command<WriteResult> {
  constructor(
    readonly incidentId: string,
    readonly body: ReviseCasualtiesDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
