import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../common/clock';
import { StreamWriter } from '../../../common/application/stream-writer';
import { WriteResult } from '../../../common/application/write-context';
import { endTruce, requireTruce } from '../../domain/truce';
import { truceStreamId } from '../../domain/truce.events';
import { foldTruce } from '../../application/truce-loader';
import { EndTruceCommand } from './end-truce.command';

@CommandHandler(EndTruceCommand)
export class EndTruceHandler implements ICommandHandler<EndTruceCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly clock: Clock,
  ) {}

  execute({ truceId, body, ctx }: EndTruceCommand): Promise<WriteResult> {
    return this.writer.write(ctx, truceStreamId(truceId), (stream) => ({
      events: endTruce(requireTruce(foldTruce(stream), truceId), {
        reason: body.reason,
        successorTruceId: body.successorTruceId ?? null,
        at: body.at ?? this.clock.now().toISOString(),
        sources: (body.sources ?? []).map((s) => ({ ...s })),
      }),
      result: ({ position, streamVersion }) => ({ position, streamVersion }),
    }));
  }
}
