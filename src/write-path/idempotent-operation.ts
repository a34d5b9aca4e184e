import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain/domain-error';
import { EventStore } from '../event-store/event-store.service';
import { WriteContext } from './write-context';

/**
 * Idempotency-Key for POSTs that append no event (API.md: "any POST may carry" one): creating an
 * API key, rebuilding the read models. The first result is remembered in the same table as the
 * appends' results; a repeat with the same key and body gets it back without doing the work
 * again, the same key with another body is 422.
 */
@Injectable()
export class IdempotentOperations {
  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs `operation` once per idempotency key. `secret` names a string field of the result that
   * a replay must repeat but the database must not read: it is kept sealed (AES-256-GCM) with a key
   * derived from the client's own Idempotency-Key, which the database never holds.
   */
  async run<R extends object>(ctx: WriteContext, operation: () => Promise<R>, options: { secret?: keyof R & string } = {}): Promise<R> {
    const claim = ctx.idempotency;
    if (!claim || !ctx.seal) return operation();
    const prior = await this.store.findIdempotent<R>(claim.scope);
    if (prior) return this.replay(prior, claim.fingerprint, ctx.seal, options.secret);
    const result = await operation();
    const kept = options.secret ? { ...result, [options.secret]: seal(String(result[options.secret]), ctx.seal) } : result;
    // Two concurrent first requests: both did the work, the one remembered first is the answer.
    const remembered = await this.store.rememberIdempotent(claim, kept, this.clock.now().toISOString());
    return remembered.result === kept ? result : this.replay(remembered, claim.fingerprint, ctx.seal, options.secret);
  }

  private replay<R extends object>(prior: { fingerprint: string; result: R }, fingerprint: string, key: Buffer, secret?: keyof R & string): R {
    if (prior.fingerprint !== fingerprint) {
      throw DomainError.rejected('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was already used with a different request body.');
    }
    return secret ? { ...prior.result, [secret]: unseal(String(prior.result[secret]), key) } : prior.result;
  }
}

function seal(text: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `sealed:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

function unseal(sealed: string, key: Buffer): string {
  const raw = Buffer.from(sealed.replace(/^sealed:/, ''), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
