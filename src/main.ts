import 'reflect-metadata';
import { Logger, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { configureApp, NEST_OPTIONS } from './app.setup';
import { validateConfig } from './config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { EMBEDDED_DATA_DIR } from './database/with-database';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

async function bootstrap(): Promise<void> {
  const config = validateConfig(process.env);
  const logger = new Logger('Bootstrap');
  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, database: 'ceasefire_monitor', log: (l) => logger.warn(l) });
    process.env.DATABASE_URL = embedded.url;
    logger.log(`No DATABASE_URL: started the embedded PostgreSQL (data in ${EMBEDDED_DATA_DIR})`);
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
  await app.listen(config.PORT, '0.0.0.0');
  logger.log(`ceasefire-monitor listening on http://localhost:${config.PORT} (OpenAPI at /docs)`);
}

bootstrap().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
