import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../../common/application/stream-writer';
import { WriteResult } from '../../../common/application/write-context';
import { requireIncident, retractReport } from '../../domain/incident';
import { incidentStreamId } from '../../domain/incident.events';
import { foldIncident } from '../../application/incident-loader';
import { RetractReportCommand } from './retract-report.command';

@CommandHandler(RetractReportCommand)
export class RetractReportHandler implements ICommandHandler<RetractReportCommand> {
  constructor(private readonly writer: StreamWriter) {}

  execute({ incidentId, body, ctx }: RetractReportCommand): Promise<WriteResult> {
    return this.writer.write(ctx, incidentStreamId(incidentId), (stream) => {
      const incident = requireIncident(foldIncident(stream), incidentId);
      // A report is retracted by its reporter (DOMAIN.md); the API key that entered the
      // retraction is the event's metadata.actor.
      return {
        events: retractReport(incident, { by: incident.reportedBy, reason: body.reason }),
        result: ({ position, streamVersion }) => ({ position, streamVersion }),
      };
    });
  }
}
