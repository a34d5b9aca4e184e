import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Observable, tap } from 'rxjs';
import { WriteResult } from './write-result';

/**
 * Write responses carry `ETag: "<streamVersion>"` for the next If-Match. Set from the result
 * through the HTTP adapter, so controllers need no response object (nor its platform's types);
 * an error never reaches here, so a refusal carries no ETag.
 */
@Injectable()
export class StreamVersionEtag implements NestInterceptor {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  intercept(context: ExecutionContext, next: CallHandler<WriteResult>): Observable<WriteResult> {
    return next
      .handle()
      .pipe(tap((result) => this.adapterHost.httpAdapter.setHeader(context.switchToHttp().getResponse(), 'ETag', `"${result.streamVersion}"`)));
  }
}
