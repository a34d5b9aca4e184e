import { Command } from '@nestjs/cqrs';
import { WriteContext, WriteResult } from '../../../common/application/write-context';
import { AgreeTruceDto } from './agree-truce.dto';

export interface AgreeTruceResult extends WriteResult {
  truceId: string;
}

export class AgreeTruceCommand extends Command<AgreeTruceResult> {
  constructor(
    readonly body: AgreeTruceDto,
    readonly ctx: WriteContext,
  ) {
    super();
  }
}
