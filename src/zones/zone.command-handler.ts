import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { WriteResult, writeResult } from '../common/http/write-result';
import { StreamWriter } from '../write-path/stream-writer';
import { CommandMessage } from '../write-path/write-context';
import { decideZone, foldZoneDecisionState, ZoneCommand, zoneStreamId } from './domain/zone';

export interface ZoneDefinedResult extends WriteResult {
  zoneId: string;
}

export type ZoneCommandResult<C extends ZoneCommand> = C extends { type: 'DefineZone' } ? ZoneDefinedResult : WriteResult;

export class ZoneCommandMessage<C extends ZoneCommand = ZoneCommand> extends CommandMessage<C, ZoneCommandResult<C>> {}

/** Zones are written to their truce's stream, decided on the zones that stream already holds. */
@CommandHandler(ZoneCommandMessage)
export class ZoneCommandHandler implements ICommandHandler<ZoneCommandMessage> {
  constructor(private readonly writer: StreamWriter) {}

  execute({ command, ctx }: ZoneCommandMessage): Promise<ZoneDefinedResult | WriteResult> {
    return this.writer.write(ctx, zoneStreamId(command.truceId), (stream) => ({
      events: decideZone(command, foldZoneDecisionState(stream)),
      result: command.type === 'DefineZone' ? (appended) => ({ zoneId: command.data.zoneId, ...writeResult(appended) }) : writeResult,
    }));
  }
}
