import { Injectable } from '@nestjs/common';
import { DomainError } from '../domain/domain-error';
import { MetricsService } from '../../metrics/metrics.service';
import { EventStore } from '../../event-store/event-store.service';
import {
  AppendedEvents,
  IdempotencyKeyReusedError,
  NewEvent,
  RecordedEvent,
  WrongExpectedVersionError,
} from '../../event-store/event-store.types';
import { WriteContext } from './write-context';

export interface WritePlan<R> {
  events: NewEvent[];
  result: (appended: AppendedEvents) => R;
}

const MAX_ATTEMPTS = 5;

/**
 * The one path by which commands write: replay a remembered idempotent result, read the
 * stream, let the domain decide on it, append at the version read. A concurrent writer makes
 * the append fail on its expected version; without If-Match the decision is simply taken again
 * on the fresher stream, with If-Match the client is told (409).
 */
@Injectable()
export class StreamWriter {
  constructor(
    private readonly store: EventStore,
    private readonly metrics: MetricsService,
  ) {}

  async write<R>(
    ctx: WriteContext,
    streamId: string,
    decide: (stream: RecordedEvent[]) => Promise<WritePlan<R>> | WritePlan<R>,
  ): Promise<R> {
    if (ctx.idempotency) {
      const prior = await this.store.findIdempotent<R>(null, ctx.idempotency.scope);
      if (prior) {
        if (prior.fingerprint !== ctx.idempotency.fingerprint) throw idempotencyReused();
        return prior.result;
      }
    }
    for (let attempt = 1; ; attempt++) {
      const stream = await this.store.readStream(streamId);
      const version = stream.length ? stream[stream.length - 1].streamVersion : 0;
      // An absent stream is the domain's to report (404), not a version conflict.
      if (stream.length > 0 && ctx.ifMatch !== undefined && ctx.ifMatch !== version) {
        throw versionConflict(streamId, ctx.ifMatch, version);
      }
      const plan = await decide(stream);
      if (ctx.ifMatch !== undefined && ctx.ifMatch !== version) throw versionConflict(streamId, ctx.ifMatch, version);
      try {
        const outcome = await this.store.append({
          streamId,
          expectedVersion: version,
          events: plan.events,
          metadata: { actor: ctx.actor, correlationId: ctx.correlationId, causationId: null },
          idempotency: ctx.idempotency,
          result: plan.result,
        });
        if (!outcome.replayed) for (const e of plan.events) this.metrics.appended.inc({ type: e.type });
        return outcome.result;
      } catch (error) {
        if (error instanceof IdempotencyKeyReusedError) throw idempotencyReused();
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (ctx.ifMatch !== undefined || attempt >= MAX_ATTEMPTS) throw versionConflict(streamId, version, error.actual);
      }
    }
  }
}

function versionConflict(streamId: string, expected: number, actual: number): DomainError {
  return DomainError.conflict(
    'STREAM.VERSION_CONFLICT',
    `Stream ${streamId} is at version ${actual}; the request expected version ${expected}.`,
  );
}

function idempotencyReused(): DomainError {
  return DomainError.rejected('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was already used with a different request body.');
}
