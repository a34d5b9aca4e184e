import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { StreamWriter } from '../../../common/application/stream-writer';
import { TruceLoader } from '../../../truces/application/truce-loader';
import { truceStreamId } from '../../../truces/domain/truce.events';
import { classify } from '../../domain/classification';
import { reportBreach } from '../../domain/incident';
import { incidentStreamId } from '../../domain/incident.events';
import { toCasualties } from '../../application/casualties.mapper';
import { IncidentLoader } from '../../application/incident-loader';
import { ReportBreachCommand, ReportBreachResult } from './report-breach.command';

@CommandHandler(ReportBreachCommand)
export class ReportBreachHandler implements ICommandHandler<ReportBreachCommand> {
  constructor(
    private readonly writer: StreamWriter,
    private readonly truces: TruceLoader,
    private readonly incidents: IncidentLoader,
  ) {}

  execute({ truceId, body, ctx }: ReportBreachCommand): Promise<ReportBreachResult> {
    const incidentId = randomUUID();
    return this.writer.create(ctx, incidentStreamId(incidentId), async (retry) => {
      // Decided on the truce as last seen; its version is checked again at commit.
      const truce = retry ? await this.truces.load(truceId) : await this.truces.loadRecent(truceId);
      const respondsTo = body.respondsTo ? await this.incidents.find(body.respondsTo) : null;
      const occurredAt = { from: body.occurredAt.from, precision: body.occurredAt.precision, ...(body.occurredAt.to ? { to: body.occurredAt.to } : {}) };
      const events = reportBreach(truce, respondsTo, {
        incidentId,
        truceId,
        reportedBy: body.reportedBy,
        reporterType: body.reporterType ?? 'party',
        accusedParty: body.accusedParty,
        occurredAt,
        location: { ...body.location },
        weapons: body.weapons ?? [],
        casualties: toCasualties(body.casualties),
        description: body.description ?? null,
        sources: body.sources.map((s) => ({ ...s })),
        respondsTo: body.respondsTo ?? null,
      });
      const classification = classify(occurredAt, truce.effectiveAt);
      return {
        events,
        preconditions: [{ streamId: truceStreamId(truceId), version: truce.version }],
        result: ({ position, streamVersion }) => ({ incidentId, classification, position, streamVersion }),
      };
    });
  }
}
