import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../../common/application/stream-writer';
import { WriteResult } from '../../../common/application/write-context';
import { requireIncident, reviseCasualties } from '../../domain/incident';
import { incidentStreamId } from '../../domain/incident.events';
import { toCasualties } from '../../application/casualties.mapper';
import { foldIncident } from '../../application/incident-loader';
import { ReviseCasualtiesCommand } from './revise-casualties.command';

@CommandHandler(ReviseCasualtiesCommand)
export class ReviseCasualtiesHandler implements ICommandHandler<ReviseCasualtiesCommand> {
  constructor(private readonly writer: StreamWriter) {}

  execute({ incidentId, body, ctx }: ReviseCasualtiesCommand): Promise<WriteResult> {
    return this.writer.write(ctx, incidentStreamId(incidentId), (stream) => ({
      events: reviseCasualties(requireIncident(foldIncident(stream), incidentId), {
        casualties: toCasualties(body.casualties),
        sources: body.sources.map((s) => ({ ...s })),
      }, { name: ctx.actor, isAdmin: ctx.isAdmin }),
      result: ({ position, streamVersion }) => ({ position, streamVersion }),
    }));
  }
}
