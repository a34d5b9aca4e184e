import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { DestinationStream } from 'pino';
import { AppConfig } from '../config/app-config';
import { AppLogger } from './app-logger';
import { pinoOptions } from './request-log.options';
import { RequestLog } from './request-log';

/** Where log lines go; a test replaces it to read what was logged. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

/**
 * JSON lines on stdout, one object per line, for whatever collects them; on a terminal, pino-pretty
 * renders them for a person instead (in a worker thread, off the request path).
 */
function defaultDestination(config: AppConfig): DestinationStream {
  if (process.stdout.isTTY && config.LOG_LEVEL !== 'silent') {
    return pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } });
  }
  return pino.destination({ dest: 1, sync: false });
}

/**
 * Structured logs through pino: Nest's own logging (AppLogger) and one line per HTTP request
 * (RequestLog), both installed by configureApp, both at LOG_LEVEL.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [{ provide: LOG_DESTINATION, inject: [AppConfig], useFactory: defaultDestination }],
      inject: [AppConfig, LOG_DESTINATION],
      // No route gets nestjs-pino's pino-http middleware: RequestLog writes the request line and
      // binds the request id from a Fastify hook, and the middleware would make two more child
      // loggers per request (one serialising the request, redacted) for a context no one reads.
      useFactory: (config: AppConfig, destination: DestinationStream) => ({ pinoHttp: [pinoOptions(config.LOG_LEVEL), destination], forRoutes: [] }),
    }),
  ],
  providers: [AppLogger, RequestLog],
  exports: [AppLogger, RequestLog],
})
export class LoggingModule {}
