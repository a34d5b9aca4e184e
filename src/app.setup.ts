import { BadRequestException, NestApplicationOptions } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from './config/app-config';
import { answerClientError } from './common/http/client-error';
import { answerFrameworkError, ProblemReply } from './common/http/framework-errors';
import { ProblemDetailsFilter } from './common/http/problem-details.filter';
import { attachStreamVersionEtag } from './common/http/stream-version-etag';
import { TextSafetyPipe } from './common/http/text-safety.pipe';
import { createValidationPipe } from './common/http/validation';
import { AppLogger } from './logging/app-logger';
import { requestIdOf } from './logging/request-id';
import { RequestLog } from './logging/request-log';
import { HttpMetrics } from './metrics/http-metrics';
import { acceptNdjsonForImports } from './imports/ndjson-body';

/**
 * The body parsers are set up by configureApp (JSON only), not Nest's defaults (JSON and forms).
 * Logs made while the app is built wait for configureApp to install the structured logger.
 */
export const NEST_OPTIONS: NestApplicationOptions = { bodyParser: false, bufferLogs: true };

/**
 * The HTTP server: Fastify, with the configured body limit. Requests Node itself refuses before
 * they reach Fastify (a header over 16 KB, two Content-Lengths) are answered as problem+json too.
 */
export function createHttpAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: false,
    clientErrorHandler: answerClientError,
    genReqId: (request: IncomingMessage) => requestIdOf(request),
    frameworkErrors: (error: Error & { code?: string }, _request: unknown, reply: unknown) => answerFrameworkError(error, reply as ProblemReply),
    // No Express-style middleware is used (the request log is a Fastify hook): without middie, no
    // request pays for a middleware chain that is empty.
    skipMiddie: true,
  });
}

/**
 * Everything between the framework and our handlers: body parsing, security headers, validation,
 * problem+json, OpenAPI. Shared by main.ts and the tests, so the tests exercise what production runs.
 */
export function configureApp(app: NestFastifyApplication): NestFastifyApplication {
  app.useLogger(app.get(AppLogger));
  // Every answer carries its request id (the caller's X-Request-Id when sane); one log line each.
  app.get(RequestLog).attach(app.getHttpAdapter().getInstance());
  app.get(HttpMetrics).attach(app.getHttpAdapter().getInstance());
  attachStreamVersionEtag(app.getHttpAdapter().getInstance());
  // JSON (and its +json relatives a client might send). The default parser would turn
  // invalid bytes into U+FFFD without a word: refused instead. An empty body reads as {}, so the
  // answer names every missing field. (Async: a parser that returns a plain value is never done.)
  app.useBodyParser(['application/json', 'application/problem+json', 'application/merge-patch+json'], {}, async (_request: unknown, body: Buffer) => {
    if (!isUtf8(body)) throw new BadRequestException({ message: 'The request body is not valid UTF-8.', code: 'REQUEST.MALFORMED' });
    if (body.length === 0) return {};
    try {
      return JSON.parse(body.toString('utf8')) as unknown;
    } catch (error) {
      throw new BadRequestException({ message: `The request body is not valid JSON (${(error as Error).message}).`, code: 'REQUEST.MALFORMED' });
    }
  });
  // Fastify would take text/plain as a string body, to be refused field by field: a body that is
  // not JSON is 415, with a hint, instead.
  app.getHttpAdapter().getInstance().removeContentTypeParser('text/plain');
  // NDJSON, streamed, for the bulk import route alone.
  acceptNdjsonForImports(app.getHttpAdapter().getInstance());
  // nosniff, frame and referrer policies, and a content security policy that lets the pages this
  // service serves (OpenAPI's UI, the status page) load only their own scripts: no third party,
  // no inline script.
  app.useSecurityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
  app.useGlobalPipes(new TextSafetyPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(app.get(HttpAdapterHost)));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ceasefire-monitor')
      .setDescription('A tamper-evident, event-sourced record of truces: what was claimed, denied and verified, and the status it supports.')
      .setVersion('0.1.0')
      // Keys are opaque API keys (API_KEYS, or created by an admin), not JWTs: no bearerFormat.
      .addSecurity('bearer', {
        type: 'http',
        scheme: 'bearer',
        description: 'An API key: `Authorization: Bearer <key>`. Writes need one with a sufficient role; reads only when READ_REQUIRES_KEY=true.',
      })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
