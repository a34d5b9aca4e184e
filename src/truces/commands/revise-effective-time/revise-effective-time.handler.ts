import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../../common/application/stream-writer';
import { WriteResult } from '../../../common/application/write-context';
import { requireTruce, reviseEffectiveTime } from '../../domain/truce';
import { truceStreamId } from '../../domain/truce.events';
import { foldTruce } from '../../application/truce-loader';
import { ReviseEffectiveTimeCommand } from './revise-effective-time.command';

@CommandHandler(ReviseEffectiveTimeCommand)
export class ReviseEffectiveTimeHandler implements ICommandHandler<ReviseEffectiveTimeCommand> {
  constructor(private readonly writer: StreamWriter) {}

  execute({ truceId, body, ctx }: ReviseEffectiveTimeCommand): Promise<WriteResult> {
    return this.writer.write(ctx, truceStreamId(truceId), (stream) => ({
      events: reviseEffectiveTime(requireTruce(foldTruce(stream), truceId), {
        effectiveAt: body.effectiveAt,
        effectiveAtSource: body.effectiveAtSource ? { text: body.effectiveAtSource.text, timezone: body.effectiveAtSource.timezone } : null,
        reason: body.reason,
        sources: (body.sources ?? []).map((s) => ({ ...s })),
      }),
      result: ({ position, streamVersion }) => ({ position, streamVersion }),
    }));
  }
}
