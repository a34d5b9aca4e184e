import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { DetermineAttributionDto } from './determine-attribution.dto';

export class DetermineAttributionCommand extends Command<WriteResult> {
  constructor(
    readonly incidentId: string,
    readonly body: DetermineAttributionDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
