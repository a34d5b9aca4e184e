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
      const actor = { name: ctx.actor, isAdmin: ctx.isAdmin };
      return {
        events: retractReport(incident, { by: ctx.actor, reason: body.reason }, actor),
        result: ({ position, streamVersion }) => ({ position, streamVersion }),
      };
    });
  }
}
