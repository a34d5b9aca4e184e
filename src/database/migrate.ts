import { validateConfig } from '../config/app-config';
import { migrateDatabase } from './migrate-database';
import { withDatabase } from './with-database';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL (or the embedded one). */
async function main(): Promise<void> {
  await withDatabase(validateConfig(process.env), async (config) => {
    const applied = await migrateDatabase(config, null);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations.');
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
