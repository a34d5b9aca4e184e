import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Recorded } from '../common/domain/domain-event';
import { WriteResult, writeResult } from '../common/http/write-result';
import { RecordedEvent } from '../event-store/event-store.types';
import { Classification } from '../incidents/domain/classification';
import { TruceFactsProvider, unchangedSince } from '../truces/truce-facts.provider';
import { StreamWriter } from '../write-path/stream-writer';
import { CommandMessage, WriteContext } from '../write-path/write-context';
import { decideObservation, foldObservation, ObservationCommand, ObservationEvent, ObservationState, observationStreamId } from './domain/observation';
import { classifyObservation } from './domain/observation-classification';

export interface ObservationRecordedResult extends WriteResult {
  observationId: string;
  classification: Classification;
}

/** Recording answers with the new id and where the observation falls; the other commands with the write result alone. */
export type ObservationCommandResult<C extends ObservationCommand> = C extends { type: 'RecordObservation' } ? ObservationRecordedResult : WriteResult;

/** The bus message for any observation command. */
export class ObservationCommandMessage<C extends ObservationCommand = ObservationCommand> extends CommandMessage<C, ObservationCommandResult<C>> {}

const observationOf = (stream: RecordedEvent[]): ObservationState | null => foldObservation(stream as unknown as Recorded<ObservationEvent>[]);

/**
 * The observation aggregate's one handler: read its stream (and, for findings on origin, the
 * truce's parties), decide, append at the version read.
 */
@CommandHandler(ObservationCommandMessage)
export class ObservationCommandHandler implements ICommandHandler<ObservationCommandMessage> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly truces: TruceFactsProvider,
  ) {}

  execute({ command, ctx }: ObservationCommandMessage): Promise<ObservationRecordedResult | WriteResult> {
    if (command.type === 'RecordObservation') return this.record(command, ctx);
    return this.writer.write(ctx, observationStreamId(command.observationId), async (stream) => {
      const observation = observationOf(stream);
      const truce = observation && command.type === 'AssessObservation' ? await this.truces.load(observation.truceId) : undefined;
      return { events: decideObservation(command, { observation, truce }), result: writeResult };
    });
  }

  private record(command: Extract<ObservationCommand, { type: 'RecordObservation' }>, ctx: WriteContext): Promise<ObservationRecordedResult> {
    const { observationId, data } = command;
    return this.writer.create(ctx, observationStreamId(observationId), async (retry) => {
      // Decided on the truce as last seen; its version is checked again at commit.
      const truce = retry ? await this.truces.load(data.truceId) : await this.truces.loadRecent(data.truceId);
      const classification = classifyObservation(data.observedAt, truce.effectiveAt, truce.endAt ?? null);
      return {
        events: decideObservation(command, { observation: null, truce }),
        preconditions: [unchangedSince(truce)],
        result: ({ position, streamVersion }) => ({ observationId, classification, position, streamVersion }),
      };
    });
  }
}
