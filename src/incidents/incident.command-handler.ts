import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Recorded } from '../common/domain/domain-event';
import { WriteResult, writeResult } from '../common/http/write-result';
import { EventStore } from '../event-store/event-store.service';
import { RecordedEvent } from '../event-store/event-store.types';
import { TruceFactsProvider, unchangedSince } from '../truces/truce-facts.provider';
import { StreamWriter } from '../write-path/stream-writer';
import { CommandMessage, WriteContext } from '../write-path/write-context';
import { Classification, classify } from './domain/classification';
import { decideIncident, foldIncident, IncidentCommand, IncidentEvent, IncidentState, incidentStreamId, readsTruce } from './domain/incident';

export interface IncidentReported extends WriteResult {
  incidentId: string;
  classification: Classification;
}

/** Reporting answers with the new id and where the report falls; every other command with the write result alone. */
export type IncidentCommandResult<C extends IncidentCommand> = C extends { type: 'ReportBreach' } ? IncidentReported : WriteResult;

/** The bus message for any incident command. */
export class IncidentCommandMessage<C extends IncidentCommand = IncidentCommand> extends CommandMessage<C, IncidentCommandResult<C>> {}

/** An incident stream holds incident events only, read back at their current schema versions. */
const incidentOf = (stream: RecordedEvent[]): IncidentState | null => foldIncident(stream as Recorded<IncidentEvent>[]);

/**
 * The incident aggregate's one handler: read its stream (and, for the commands judged against
 * the truce's parties, the truce's facts), decide, append at the version read.
 */
@CommandHandler(IncidentCommandMessage)
export class IncidentCommandHandler implements ICommandHandler<IncidentCommandMessage> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly store: EventStore,
    private readonly truces: TruceFactsProvider,
  ) {}

  execute({ command, ctx }: IncidentCommandMessage): Promise<IncidentReported | WriteResult> {
    if (command.type === 'ReportBreach') return this.report(command, ctx);
    return this.writer.write(ctx, incidentStreamId(command.incidentId), async (stream) => {
      const incident = incidentOf(stream);
      const truce = incident && readsTruce(command) ? await this.truces.load(incident.truceId) : undefined;
      return { events: decideIncident(command, { incident, truce }), result: writeResult };
    });
  }

  private report(command: Extract<IncidentCommand, { type: 'ReportBreach' }>, ctx: WriteContext): Promise<IncidentReported> {
    const { incidentId, data } = command;
    return this.writer.create(ctx, incidentStreamId(incidentId), async (retry) => {
      // Decided on the truce as last seen; its version is checked again at commit.
      const truce = retry ? await this.truces.load(data.truceId) : await this.truces.loadRecent(data.truceId);
      const respondsTo = data.respondsTo ? incidentOf(await this.store.readStream(incidentStreamId(data.respondsTo))) : null;
      const classification = classify(data.occurredAt, truce.effectiveAt, truce.endAt ?? null);
      return {
        events: decideIncident(command, { incident: null, truce, respondsTo }),
        preconditions: [unchangedSince(truce)],
        result: ({ position, streamVersion }) => ({ incidentId, classification, position, streamVersion }),
      };
    });
  }
}
