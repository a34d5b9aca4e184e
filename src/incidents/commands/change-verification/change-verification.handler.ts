import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../../common/application/stream-writer';
import { WriteResult } from '../../../common/application/write-context';
import { changeVerification, requireIncident } from '../../domain/incident';
import { incidentStreamId } from '../../domain/incident.events';
import { foldIncident } from '../../application/incident-loader';
import { ChangeVerificationCommand } from './change-verification.command';

@CommandHandler(ChangeVerificationCommand)
export class ChangeVerificationHandler implements ICommandHandler<ChangeVerificationCommand> {
  constructor(private readonly writer: StreamWriter) {}

  execute({ incidentId, body, ctx }: ChangeVerificationCommand): Promise<WriteResult> {
    return this.writer.write(ctx, incidentStreamId(incidentId), (stream) => ({
      events: changeVerification(requireIncident(foldIncident(stream), incidentId), {
        status: body.status,
        by: body.by,
        method: body.method,
        note: body.note ?? null,
      }),
      result: ({ position, streamVersion }) => ({ position, streamVersion }),
    }));
  }
}
