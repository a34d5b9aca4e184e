import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { resolve } from 'node:path';
import { AppModule } from './app.module';
import { configureApp, createHttpAdapter, NEST_OPTIONS } from './app.setup';
import { validateConfig } from './config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { CheckpointService } from './event-store/transparency/checkpoints';
import { databaseLocation, formatStartupBlock, StartupSummary } from './startup-summary';

/**
 * A newcomer's `npm start` (no DATABASE_URL, no API_KEYS) gets these well-known keys so the
 * README's tour works as written; the service then listens on loopback only.
 */
export const DEV_KEYS = { admin: 'dev-admin-key', verifier: 'dev-verifier-key', reporter: 'dev-reporter-key' };
const DEV_KEY_LIST = [
  { name: 'dev-admin', role: 'admin', secret: DEV_KEYS.admin },
  { name: 'dev-verifier', role: 'verifier', secret: DEV_KEYS.verifier },
  { name: 'dev-reporter', role: 'reporter', secret: DEV_KEYS.reporter },
];
const DEV_API_KEYS = DEV_KEY_LIST.map((k) => `${k.name}:${k.role}:${k.secret}`).join(',');

/** How long in-flight requests may take to finish once the service is told to stop. */
const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  app: NestFastifyApplication;
  url: string;
  /** Set when the development keys are in use. */
  devKeys: typeof DEV_KEYS | null;
}

/**
 * Starts the service as `npm start` does: on DATABASE_URL, or else on the embedded PostgreSQL
 * under .data/, which is stopped after the app on SIGINT/SIGTERM.
 */
export async function startServer(env: Record<string, string | undefined> = process.env): Promise<RunningServer> {
  let config = validateConfig(env);
  const logger = new Logger('Bootstrap');
  let embedded: EmbeddedDatabase | undefined;
  let devKeys: typeof DEV_KEYS | null = null;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DIR, database: 'ceasefire_monitor', log: (l) => logger.warn(l) });
    const useDevKeys = !config.API_KEYS;
    config = validateConfig({
      ...env,
      DATABASE_URL: embedded.url,
      DATABASE_OWNER_URL: embedded.ownerUrl,
      ...(useDevKeys ? { API_KEYS: DEV_API_KEYS, HOST: '127.0.0.1' } : {}),
    });
    if (useDevKeys) devKeys = DEV_KEYS;
  }
  const host = config.HOST;

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), createHttpAdapter(config), NEST_OPTIONS);
  configureApp(app);
  // Close the app first (in-flight requests finish, the pool drains), then the database.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`);
    // In-flight requests get a few seconds; a client holding a stream open does not get to keep
    // the service (and its database) running.
    const closed = app.close().then(
      () => true,
      (error: unknown) => logger.error(`shutdown: ${error instanceof Error ? error.message : String(error)}`),
    );
    const graceful = await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref())]);
    if (!graceful) logger.warn(`shutdown: still busy after ${SHUTDOWN_GRACE_MS / 1000} s, stopping anyway`);
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.PORT, host);
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${config.PORT}`;
  announce(logger, {
    url,
    database: embedded ? { embedded: true, dataDir: resolve(config.EMBEDDED_PG_DIR) } : { embedded: false, location: databaseLocation(config.DATABASE_URL!) },
    verifierKey: app.get(CheckpointService).verifierKey,
    devKeys: devKeys ? DEV_KEY_LIST : null,
  });
  return { app, url, devKeys };
}

/**
 * One block for a person at a terminal; for a log collector, one JSON line with the same facts
 * (the development keys included: they are the README's, not secrets).
 */
function announce(logger: Logger, summary: StartupSummary): void {
  if (process.stdout.isTTY) process.stdout.write(formatStartupBlock(summary) + '\n');
  else logger.log({ ...summary, docsUrl: `${summary.url}/docs` }, 'ceasefire-monitor is running');
}
