import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../../common/application/stream-writer';
import { WriteResult } from '../../../common/application/write-context';
import { TruceLoader } from '../../../truces/application/truce-loader';
import { determineAttribution, requireIncident } from '../../domain/incident';
import { incidentStreamId } from '../../domain/incident.events';
import { foldIncident } from '../../application/incident-loader';
import { DetermineAttributionCommand } from './determine-attribution.command';

@CommandHandler(DetermineAttributionCommand)
export class DetermineAttributionHandler implements ICommandHandler<DetermineAttributionCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly truces: TruceLoader,
  ) {}

  execute({ incidentId, body, ctx }: DetermineAttributionCommand): Promise<WriteResult> {
    return this.writer.write(ctx, incidentStreamId(incidentId), async (stream) => {
      const incident = requireIncident(foldIncident(stream), incidentId);
      const truce = await this.truces.load(incident.truceId);
      return {
        events: determineAttribution(incident, truce, {
          attributedTo: body.attributedTo,
          by: body.by,
          note: body.note ?? null,
        }),
        result: ({ position, streamVersion }) => ({ position, streamVersion }),
      };
    });
  }
}
