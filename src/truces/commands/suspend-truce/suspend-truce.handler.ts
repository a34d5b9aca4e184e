import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../common/clock';
import { StreamWriter } from '../../../common/application/stream-writer';
import { WriteResult } from '../../../common/application/write-context';
import { requireTruce, suspendTruce } from '../../domain/truce';
import { truceStreamId } from '../../domain/truce.events';
import { foldTruce } from '../../application/truce-loader';
import { SuspendTruceCommand } from './suspend-truce.command';

@CommandHandler(SuspendTruceCommand)
export class SuspendTruceHandler implements ICommandHandler<SuspendTruceCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly clock: Clock,
  ) {}

  execute({ truceId, body, ctx }: SuspendTruceCommand): Promise<WriteResult> {
    return this.writer.write(ctx, truceStreamId(truceId), (stream) => ({
      events: suspendTruce(requireTruce(foldTruce(stream), truceId), {
        by: body.by,
        reason: body.reason,
        at: body.at ?? this.clock.now().toISOString(),
        sources: (body.sources ?? []).map((s) => ({ ...s })),
      }),
      result: ({ position, streamVersion }) => ({ position, streamVersion }),
    }));
  }
}
