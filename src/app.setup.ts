import { isUtf8 } from 'node:buffer';
import { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { AppConfig } from './config/app-config';
import { ProblemDetailsFilter } from './common/http/problem-details.filter';
import { TextSafetyPipe } from './common/http/text-safety.pipe';
import { createValidationPipe } from './common/http/validation';

/** Body parsing is set up here, with the configured limit, rather than by Nest's default. */
export const NEST_OPTIONS: NestApplicationOptions = { bodyParser: false };

/**
 * Everything between the framework and our handlers: body limit, validation, problem+json,
 * OpenAPI. Shared by main.ts and the tests, so the tests exercise what production runs.
 */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  const config = app.get(AppConfig);
  // Nest's typings leave out body-parser's `verify`, which it passes through all the same.
  express.useBodyParser('json', {
    limit: config.BODY_LIMIT_BYTES,
    type: ['application/json', 'application/*+json'],
    // The decoder would quietly turn invalid bytes into U+FFFD: refuse them instead.
    verify: (_req: unknown, _res: unknown, body: Buffer) => {
      if (!isUtf8(body)) throw Object.assign(new Error('The request body is not valid UTF-8.'), { status: 400, statusCode: 400, expose: true });
    },
  } as Parameters<NestExpressApplication['useBodyParser']>[1]);
  express.set('trust proxy', false);
  // Writes set ETag to the stream version; Express's automatic body hashes would only mislead.
  express.set('etag', false);
  express.disable('x-powered-by');
  // nosniff, frame and referrer policies, and a content security policy that lets the pages this
  // service serves (OpenAPI's UI) load only their own scripts: no third party, no inline script.
  express.use(
    helmet({
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
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.useGlobalPipes(new TextSafetyPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

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
