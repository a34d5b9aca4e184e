import { EntityManager, In } from 'typeorm';
import { RecordedEvent } from '../../event-store/event-store.types';
import { evolveTruce, TruceState } from '../domain/truce';
import { TRUCE_STREAM_PREFIX } from '../domain/truce.events';
import { TruceView } from './truce-view.entity';

export const isTruceStream = (streamId: string): boolean => streamId.startsWith(TRUCE_STREAM_PREFIX);

/**
 * Folds the events of some truce streams into their rows: one read of the rows, one upsert.
 * A row holds exactly what `evolveTruce` makes of its stream, so a rebuild reproduces it.
 */
export async function projectTruceStreams(manager: EntityManager, streams: Map<string, RecordedEvent[]>): Promise<void> {
  const repo = manager.getRepository(TruceView);
  const ids = [...streams.keys()].map((s) => s.slice(TRUCE_STREAM_PREFIX.length));
  const rows = new Map((await repo.find({ where: { truceId: In(ids) } })).map((r) => [r.truceId, r]));
  const updated: TruceView[] = [];
  for (const [streamId, events] of streams) {
    const truceId = streamId.slice(TRUCE_STREAM_PREFIX.length);
    const row = rows.get(truceId);
    let state: TruceState | null = row?.state ?? null;
    let position = row?.position ?? null;
    for (const event of events) {
      state = evolveTruce(state, event as never);
      if (event.type === 'TruceAgreed') position = event.position;
    }
    if (!state || position === null) continue;
    updated.push({
      truceId,
      name: state.name,
      effectiveAt: new Date(state.effectiveAt),
      recordedAt: new Date(state.recordedAt),
      position,
      version: state.version,
      state,
    });
  }
  if (updated.length) await repo.upsert(updated, ['truceId']);
}
