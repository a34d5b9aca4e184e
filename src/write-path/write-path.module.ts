import { Module } from '@nestjs/common';
import { StreamWriter } from './stream-writer';

/** The one path by which commands write (StreamWriter); each feature that writes imports it. */
@Module({ providers: [StreamWriter], exports: [StreamWriter] })
export class WritePathModule {}
