import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { StreamWriter } from '../../../common/application/stream-writer';
import { agreeTruce } from '../../domain/truce';
import { truceStreamId } from '../../domain/truce.events';
import { AgreeTruceCommand, AgreeTruceResult } from './agree-truce.command';

@CommandHandler(AgreeTruceCommand)
export class AgreeTruceHandler implements ICommandHandler<AgreeTruceCommand> {
  constructor(private readonly writer: StreamWriter) {}

  execute({ body, ctx }: AgreeTruceCommand): Promise<AgreeTruceResult> {
    const truceId = randomUUID();
    return this.writer.create(ctx, truceStreamId(truceId), () => ({
      events: agreeTruce(null, {
        truceId,
        name: body.name,
        parties: body.parties.map((p) => ({ id: p.id, name: p.name })),
        mediators: body.mediators ?? [],
        purposes: body.purposes ?? [],
        effectiveAt: body.effectiveAt,
        effectiveAtSource: body.effectiveAtSource ? { ...body.effectiveAtSource } : null,
        endsAt: body.endsAt ?? null,
        terms: body.terms ?? null,
        sources: (body.sources ?? []).map((s) => ({ ...s })),
      }),
      result: ({ position, streamVersion }) => ({ truceId, position, streamVersion }),
    }));
  }
}
