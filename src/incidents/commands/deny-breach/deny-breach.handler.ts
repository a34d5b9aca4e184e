import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../../common/application/stream-writer';
import { WriteResult } from '../../../common/application/write-context';
import { TruceLoader } from '../../../truces/application/truce-loader';
import { denyBreach, requireIncident } from '../../domain/incident';
import { incidentStreamId } from '../../domain/incident.events';
import { foldIncident } from '../../application/incident-loader';
import { DenyBreachCommand } from './deny-breach.command';

@CommandHandler(DenyBreachCommand)
export class DenyBreachHandler implements ICommandHandler<DenyBreachCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly truces: TruceLoader,
  ) {}

  execute({ incidentId, body, ctx }: DenyBreachCommand): Promise<WriteResult> {
    return this.writer.write(ctx, incidentStreamId(incidentId), async (stream) => {
      const incident = requireIncident(foldIncident(stream), incidentId);
      const truce = await this.truces.load(incident.truceId);
      return {
        events: denyBreach(incident, truce, {
          deniedBy: body.deniedBy,
          statement: body.statement,
          characterization: body.characterization,
          sources: body.sources.map((s) => ({ ...s })),
        }),
        result: ({ position, streamVersion }) => ({ position, streamVersion }),
      };
    });
  }
}
