import { Injectable } from '@nestjs/common';
import { DomainError } from '../common/domain/domain-error';
import { EventStore } from '../event-store/event-store.service';
import {
  AppendedEvents,
  ExpectedVersion,
  IdempotencyKeyReusedError,
  NewEvent,
  RecordedEvent,
  StreamVersion,
  WrongExpectedVersionError,
} from '../event-store/event-store.types';
// One way: the write path counts into metrics; metrics reads only the event store (the log's
// head), never the write path, so there is no cycle to break with an observer port.
import { MetricsService } from '../metrics/metrics.service';
import { WriteContext } from './write-context';

export interface WritePlan<R> {
  events: NewEvent[];
  /** Other streams the decision read, at the versions it read them. */
  preconditions?: StreamVersion[];
  result: (appended: AppendedEvents) => R;
}

/** How long a write without If-Match keeps retrying against concurrent writers of its stream. */
const RETRY_BUDGET_MS = 10_000;

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

  /**
   * Appends to a stream, deciding on its current events. Without If-Match a concurrent writer
   * never turns into a refusal: the decision is taken again on the fresher stream, for as long
   * as RETRY_BUDGET_MS allows. With If-Match the client is told (409).
   */
  async write<R>(ctx: WriteContext, streamId: string, decide: (stream: RecordedEvent[]) => Promise<WritePlan<R>> | WritePlan<R>): Promise<R> {
    const replay = await this.replayed<R>(ctx);
    if (replay.found) return replay.result;
    const deadline = Date.now() + RETRY_BUDGET_MS;
    for (;;) {
      const stream = await this.store.readStream(streamId);
      const version = stream.length ? stream[stream.length - 1].streamVersion : 0;
      // An absent stream is the domain's to report (404), not a version conflict.
      if (stream.length > 0 && ctx.ifMatch !== undefined && ctx.ifMatch !== version) {
        throw versionConflict(streamId, ctx.ifMatch, version);
      }
      const plan = await decide(stream);
      if (ctx.ifMatch !== undefined && ctx.ifMatch !== version) throw versionConflict(streamId, ctx.ifMatch, version);
      try {
        return await this.append(ctx, streamId, version, plan);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (ctx.ifMatch !== undefined || Date.now() > deadline) throw versionConflict(streamId, version, error.actual);
        await new Promise((r) => setTimeout(r, Math.random() * 5));
      }
    }
  }

  /**
   * Starts a stream under a fresh id: there is nothing to read first, and nothing for If-Match
   * to compare with (the request's If-Match, if any, does not apply to a stream it creates).
   * A decision taken on other streams (plan.preconditions) that moved on meanwhile is taken
   * again, told so by `retry`, within the same budget as write().
   */
  async create<R>(ctx: WriteContext, streamId: string, decide: (retry: boolean) => Promise<WritePlan<R>> | WritePlan<R>): Promise<R> {
    const replay = await this.replayed<R>(ctx);
    if (replay.found) return replay.result;
    const deadline = Date.now() + RETRY_BUDGET_MS;
    for (let retry = false; ; retry = true) {
      try {
        return await this.append(ctx, streamId, 'no_stream', await decide(retry));
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError) || error.streamId === streamId || Date.now() > deadline) throw error;
      }
    }
  }

  private async replayed<R>(ctx: WriteContext): Promise<{ found: true; result: R } | { found: false }> {
    if (!ctx.idempotency) return { found: false };
    const prior = await this.store.findIdempotent<R>(ctx.idempotency.scope);
    if (!prior) return { found: false };
    if (prior.fingerprint !== ctx.idempotency.fingerprint) throw idempotencyReused();
    return { found: true, result: prior.result };
  }

  private async append<R>(ctx: WriteContext, streamId: string, expectedVersion: ExpectedVersion, plan: WritePlan<R>): Promise<R> {
    try {
      const outcome = await this.store.append({
        streamId,
        expectedVersion,
        events: plan.events,
        metadata: { actor: ctx.actor, correlationId: ctx.correlationId, causationId: null },
        idempotency: ctx.idempotency,
        preconditions: plan.preconditions,
        result: plan.result,
      });
      if (!outcome.replayed) for (const e of plan.events) this.metrics.appended.inc({ type: e.type });
      return outcome.result;
    } catch (error) {
      if (error instanceof IdempotencyKeyReusedError) throw idempotencyReused();
      throw error;
    }
  }
}

function versionConflict(streamId: string, expected: number, actual: number): DomainError {
  return DomainError.conflict('STREAM.VERSION_CONFLICT', `Stream ${streamId} is at version ${actual}; the request expected version ${expected}.`);
}

function idempotencyReused(): DomainError {
  return DomainError.rejected('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was already used with a different request body.');
}
