import { Module } from '@nestjs/common';
import { IdempotentOperations } from './idempotent-operation';
import { StreamWriter } from './stream-writer';

/** The one path by which commands write (StreamWriter), and Idempotency-Key for POSTs that append nothing. */
@Module({ providers: [StreamWriter, IdempotentOperations], exports: [StreamWriter, IdempotentOperations] })
export class WritePathModule {}
