import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Recorded } from '../common/domain/domain-event';
import { WriteResult, writeResult } from '../common/http/write-result';
import { EventStore } from '../event-store/event-store.service';
import { StreamWriter } from '../write-path/stream-writer';
import { CommandMessage } from '../write-path/write-context';
import { decideTruce, foldTruce, TruceCommand, TruceEvent, truceStreamId } from './domain/truce';

export interface TruceCreated extends WriteResult {
  truceId: string;
}

/** Agreeing a truce answers with its id; every other command with the write result alone. */
export type TruceCommandResult<C extends TruceCommand> = C extends { type: 'AgreeTruce' } ? TruceCreated : WriteResult;

/** The bus message for any truce command. */
export class TruceCommandMessage<C extends TruceCommand = TruceCommand> extends CommandMessage<C, TruceCommandResult<C>> {}

/** The truce aggregate's one handler: read its stream, fold, decide, append at the version read. */
@CommandHandler(TruceCommandMessage)
export class TruceCommandHandler implements ICommandHandler<TruceCommandMessage> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly store: EventStore,
  ) {}

  async execute({ command, ctx }: TruceCommandMessage): Promise<TruceCreated | WriteResult> {
    const streamId = truceStreamId(command.truceId);
    if (command.type === 'AgreeTruce') {
      return this.writer.create(ctx, streamId, () => ({
        events: decideTruce(command, null),
        result: ({ position, streamVersion }) => ({ truceId: command.truceId, position, streamVersion }),
      }));
    }
    // A successor named must be recorded; truces are never removed, so what is true now stays true.
    if (command.type === 'EndTruce' && command.data.successorTruceId) {
      command = { ...command, successorRecorded: await this.isRecorded(command.data.successorTruceId) };
    }
    // A truce stream holds truce events only, read back at their current schema versions.
    return this.writer.write(ctx, streamId, (stream) => ({
      events: decideTruce(command, foldTruce(stream as Recorded<TruceEvent>[])),
      result: writeResult,
    }));
  }

  private async isRecorded(truceId: string): Promise<boolean> {
    return (await this.store.readStream(truceStreamId(truceId))).length > 0;
  }
}
