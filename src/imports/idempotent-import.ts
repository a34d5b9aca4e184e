import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain/domain-error';
import { EventStore } from '../event-store/event-store.service';
import { ImportSummary } from './import-line';

/**
 * Idempotency-Key on POST /admin/imports (API.md: any POST may carry one). The body is a stream,
 * so its fingerprint (SHA-256 of its bytes) is known only once it has been read: a first request
 * imports while hashing and then remembers its summary; a repeat reads (and hashes) the body
 * without importing, then answers the first summary — or 422 if the body differs, having written
 * nothing. (Without the key a repeat is harmless too, its rows being skipped, but it is answered
 * with its own summary.)
 */
@Injectable()
export class IdempotentImports {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async run(scope: string | undefined, body: AsyncIterable<Buffer>, work: (body: AsyncIterable<Buffer>) => Promise<ImportSummary>): Promise<ImportSummary> {
    if (scope === undefined) return work(body);
    const hash = createHash('sha256');
    const prior = await this.store.findIdempotent<ImportSummary>(scope);
    if (prior) {
      for await (const chunk of body) hash.update(chunk);
      if (prior.fingerprint !== hash.digest('hex')) throw reused();
      return prior.result;
    }
    const summary = await work(hashing(body, hash));
    const fingerprint = hash.digest('hex');
    // Two concurrent first requests: both imported (the second skipping the first's rows); the one remembered first is the answer.
    const remembered = await this.store.rememberIdempotent({ scope, fingerprint }, summary, this.clock.now().toISOString());
    if (remembered.fingerprint !== fingerprint) throw reused();
    return remembered.result;
  }
}

async function* hashing(body: AsyncIterable<Buffer>, hash: ReturnType<typeof createHash>): AsyncGenerator<Buffer> {
  for await (const chunk of body) {
    hash.update(chunk);
    yield chunk;
  }
}

function reused(): DomainError {
  return DomainError.rejected('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was already used with a different request body.');
}
