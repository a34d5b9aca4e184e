import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { validateConfig } from '../config/app-config';
import { withDatabase } from '../database/with-database';

/**
 * Runs an operator command inside the app's container (no HTTP), against DATABASE_URL or the
 * embedded database of `npm start` (which must not be running at the same time).
 */
export function runWithApp(work: (app: INestApplicationContext) => Promise<number>): void {
  const config = validateConfig(process.env);
  withDatabase(config, async (resolved) => {
    const app = await NestFactory.createApplicationContext(AppModule.register(resolved), { logger: ['error', 'warn'] });
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  })
    .then((code) => process.exit(code))
    .catch((error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
