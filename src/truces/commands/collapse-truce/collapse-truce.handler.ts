import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../common/clock';
import { StreamWriter } from '../../../common/application/stream-writer';
import { WriteResult } from '../../../common/application/write-context';
import { collapseTruce, requireTruce } from '../../domain/truce';
import { truceStreamId } from '../../domain/truce.events';
import { foldTruce } from '../../application/truce-loader';
import { CollapseTruceCommand } from './collapse-truce.command';

@CommandHandler(CollapseTruceCommand)
export class CollapseTruceHandler implements ICommandHandler<CollapseTruceCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly clock: Clock,
  ) {}

  execute({ truceId, body, ctx }: CollapseTruceCommand): Promise<WriteResult> {
    return this.writer.write(ctx, truceStreamId(truceId), (stream) => ({
      events: collapseTruce(requireTruce(foldTruce(stream), truceId), {
        declaredBy: body.declaredBy,
        reason: body.reason,
        at: body.at ?? this.clock.now().toISOString(),
        sources: (body.sources ?? []).map((s) => ({ ...s })),
      }),
      result: ({ position, streamVersion }) => ({ position, streamVersion }),
    }));
  }
}
