import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../../common/clock';
import { StreamWriter } from '../../../common/application/stream-writer';
import { WriteResult } from '../../../common/application/write-context';
import { recordMilestone, requireTruce } from '../../domain/truce';
import { truceStreamId } from '../../domain/truce.events';
import { foldTruce } from '../../application/truce-loader';
import { RecordMilestoneCommand } from './record-milestone.command';

@CommandHandler(RecordMilestoneCommand)
export class RecordMilestoneHandler implements ICommandHandler<RecordMilestoneCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly clock: Clock,
  ) {}

  execute({ truceId, body, ctx }: RecordMilestoneCommand): Promise<WriteResult> {
    return this.writer.write(ctx, truceStreamId(truceId), (stream) => ({
      events: recordMilestone(requireTruce(foldTruce(stream), truceId), {
        kind: body.kind,
        state: body.state,
        counts: { ...body.counts },
        facilitator: body.facilitator ?? null,
        at: body.at ?? this.clock.now().toISOString(),
        sources: (body.sources ?? []).map((s) => ({ ...s })),
      }),
      result: ({ position, streamVersion }) => ({ position, streamVersion }),
    }));
  }
}
