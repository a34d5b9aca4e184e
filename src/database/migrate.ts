import { validateConfig } from '../config/app-config';
import { createDataSource } from './data-source';
import { runMigrations } from './migrations';
import { withDatabase } from './with-database';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL (or the embedded one). */
async function main(): Promise<void> {
  await withDatabase(validateConfig(process.env), async (url) => {
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    try {
      const applied = await runMigrations(dataSource);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
    } finally {
      await dataSource.destroy();
    }
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
