import 'reflect-metadata';
import { INestApplication, Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp, NEST_OPTIONS } from './app.setup';
import { validateConfig } from './config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { EMBEDDED_DATA_DIR } from './database/with-database';

/**
 * A newcomer's `npm start` (no DATABASE_URL, no API_KEYS) gets these well-known keys so the
 * README's tour works as written; the service then listens on loopback only.
 */
export const DEV_KEYS = { admin: 'dev-admin-key', verifier: 'dev-verifier-key', reporter: 'dev-reporter-key' };
const DEV_API_KEYS = `dev-admin:admin:${DEV_KEYS.admin},dev-verifier:verifier:${DEV_KEYS.verifier},dev-reporter:reporter:${DEV_KEYS.reporter}`;

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export interface RunningServer {
  app: INestApplication;
  url: string;
  /** Set when the development keys are in use. */
  devKeys: typeof DEV_KEYS | null;
}

/**
 * Starts the service as `npm start` does: on DATABASE_URL, or else on the embedded PostgreSQL
 * under .data/, which is stopped after the app on SIGINT/SIGTERM.
 */
export async function startServer(): Promise<RunningServer> {
  const config = validateConfig(process.env);
  const logger = new Logger('Bootstrap');
  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, database: 'ceasefire_monitor', log: (l) => logger.warn(l) });
    process.env.DATABASE_URL = embedded.url;
    logger.log(`No DATABASE_URL: started the embedded PostgreSQL (data in ${EMBEDDED_DATA_DIR})`);
  }

  let host = config.HOST;
  let devKeys: typeof DEV_KEYS | null = null;
  if (embedded && !config.API_KEYS) {
    process.env.API_KEYS = DEV_API_KEYS;
    devKeys = DEV_KEYS;
    host = '127.0.0.1';
    logger.warn('No API_KEYS: using the development keys of the README (dev-admin-key, …), listening on 127.0.0.1 only');
  }

  const app = await NestFactory.create(AppModule.register(), {
    ...NEST_OPTIONS,
    logger: LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL as LogLevel) + 1),
  });
  configureApp(app);
  // Close the app first (in-flight requests finish, the pool drains), then the database.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.PORT, host);
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${config.PORT}`;
  logger.log(`ceasefire-monitor listening on ${url} (OpenAPI at ${url}/docs)`);
  return { app, url, devKeys };
}
