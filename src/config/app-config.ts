import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { isValidKeyName } from '../verifier/signed-note';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
const LOG_LEVEL_ALIASES: Record<string, LogLevelName> = { log: 'info', verbose: 'trace' };

const integer = (fallback: number) => Transform(({ value }) => (value === undefined || value === '' ? fallback : Number(value)));

/**
 * (class-validator runs a property's rules from the bottom up, and stops at the first broken one:
 * the type check is the lowest decorator, so "eighty" is told it is not an integer.)
 *
 * The environment, validated once at start-up (a bad value stops the service with its name)
 * and then injected as this one typed object: nothing else reads process.env.
 */
export class AppConfig {
  /** postgres://… ; when absent, `npm start` starts an embedded PostgreSQL under .data/. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * The owner role, for migrations and grants only; the service then runs as DATABASE_URL's role
   * with SELECT and INSERT on the log (README, "Database roles").
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_OWNER_URL must be a postgres:// URL' })
  DATABASE_OWNER_URL?: string;

  /**
   * A streaming replica of DATABASE_URL's database (same roles, same schema), postgres://… .
   * When set, queries read from it — GET endpoints, the live feed, the truce-record cache — while
   * writes, idempotency, integrity and checkpoints stay on the primary; `?minPosition=N` also waits
   * for the replica to have replayed N. When absent, everything reads from the primary.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'READ_DATABASE_URL must be a postgres:// URL' })
  READ_DATABASE_URL?: string;

  /** Longest wait for a database connection (opening one, or a free one from the pool). */
  @integer(3000)
  @Min(100)
  @IsInt({ message: 'DB_CONNECT_TIMEOUT_MS must be an integer' })
  DB_CONNECT_TIMEOUT_MS = 3000;

  /** Longest a statement may run, and how long the service waits for any answer before it gives up on a connection. */
  @integer(5000)
  @Min(100)
  @IsInt({ message: 'DB_QUERY_TIMEOUT_MS must be an integer' })
  DB_QUERY_TIMEOUT_MS = 5000;

  /** Appends waiting for their turn beyond which new ones are answered 503 at once. */
  @integer(5000)
  @Min(1)
  @IsInt({ message: 'APPEND_QUEUE_LIMIT must be an integer' })
  APPEND_QUEUE_LIMIT = 5000;

  /** Open live-feed (SSE) connections per instance; more are answered 503. */
  @integer(500)
  @Min(1)
  @IsInt({ message: 'LIVE_FEED_MAX_CLIENTS must be an integer' })
  LIVE_FEED_MAX_CLIENTS = 500;

  /** Unsent bytes a live-feed client's socket may hold before it is detached and catches up on its own. */
  @integer(262144)
  @Min(16384)
  @Max(16777216)
  @IsInt({ message: 'LIVE_FEED_CLIENT_BUFFER_BYTES must be an integer' })
  LIVE_FEED_CLIENT_BUFFER_BYTES = 262144;

  /** Exports streamed at once per instance; more are answered 503. */
  @integer(8)
  @Min(1)
  @IsInt({ message: 'EXPORT_MAX_CONCURRENT must be an integer' })
  EXPORT_MAX_CONCURRENT = 8;

  @integer(3000)
  @Min(0)
  @Max(65535)
  @IsInt({ message: 'PORT must be an integer' })
  PORT = 3000;

  /** Address to listen on (loopback only when the development keys are in use). */
  @IsString()
  HOST = '0.0.0.0';

  /** `name:role:secret,…` with role reporter, verifier or admin. */
  @IsOptional()
  @Matches(/^\s*$|^([^:,\s]+:(reporter|verifier|admin):[^,\s]{8,})(\s*,\s*[^:,\s]+:(reporter|verifier|admin):[^,\s]{8,})*\s*$/, {
    message: 'API_KEYS must be name:role:secret,… with role reporter|verifier|admin and a secret of at least 8 characters',
  })
  API_KEYS?: string;

  /**
   * pino's levels (`silent` logs nothing); Nest's names `log` and `verbose` are taken as `info`
   * and `trace`, so older settings keep working.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 'info' : (LOG_LEVEL_ALIASES[value as string] ?? value)))
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (or log, verbose)` })
  LOG_LEVEL: LogLevelName = 'info';

  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  READ_REQUIRES_KEY = false;

  /** Largest accepted request body, in bytes (API.md: 1 MB). */
  @integer(1_048_576)
  @Min(1024)
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer' })
  BODY_LIMIT_BYTES = 1_048_576;

  /** Failed authentications per client address per minute before 429. */
  @integer(20)
  @Min(1)
  @IsInt({ message: 'AUTH_FAILURE_LIMIT must be an integer' })
  AUTH_FAILURE_LIMIT = 20;

  /** Connections in the pool of each instance. */
  @integer(20)
  @Min(2)
  @Max(500)
  @IsInt({ message: 'DB_POOL_SIZE must be an integer' })
  DB_POOL_SIZE = 20;

  /**
   * Worker threads a rebuild folds the log in, one per stream range, each with a reading and a COPY
   * connection of its own (capped at DB_POOL_SIZE − 3). 1 folds in the service's own thread.
   */
  @integer(1)
  @Min(1)
  @Max(64)
  @IsInt({ message: 'REBUILD_WORKERS must be an integer' })
  REBUILD_WORKERS = 1;

  /** Incidents each instance keeps in memory to answer status and time-travel questions. */
  @integer(300_000)
  @Min(0)
  @IsInt({ message: 'TRUCE_CACHE_INCIDENTS must be an integer' })
  TRUCE_CACHE_INCIDENTS = 300_000;

  /** Where the embedded PostgreSQL keeps its data (only without DATABASE_URL). */
  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  /**
   * The log's name (ADR 0004): the first line of every checkpoint, and the name of its signing
   * key. A key name: no spaces, no "+". Changing it makes auditors see another log.
   */
  @IsString()
  CHECKPOINT_ORIGIN = 'ceasefire-monitor.local/log';

  /**
   * The checkpoint signing key itself, a secret, in the signer key format of Go's sumdb/note:
   * `PRIVATE+KEY+<origin>+<8 hex digits>+<base64 key>`. Every instance serving one log must sign
   * with the same key; it never goes into the database.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'CHECKPOINT_SIGNING_KEY must not be empty' })
  CHECKPOINT_SIGNING_KEY?: string;

  /**
   * A file holding the signing key (it must exist). Without this and CHECKPOINT_SIGNING_KEY, the
   * key is kept in `checkpoint-signing.key` beside the embedded PostgreSQL's data directory
   * (`.data/` by default), created with mode 0600 on first start.
   */
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: 'CHECKPOINT_KEY_FILE must not be empty' })
  CHECKPOINT_KEY_FILE?: string;

  /**
   * nats://host:port[,…] of a NATS server with JetStream: when set, every committed event is
   * published there by the relay (src/relay). Unset (the default), nothing is published.
   */
  @IsOptional()
  @Matches(/^\s*$|^(nats|tls):\/\/[^\s,]+(\s*,\s*(nats|tls):\/\/[^\s,]+)*\s*$/, { message: 'NATS_URL must be nats://host:port (several separated by commas)' })
  NATS_URL?: string;

  /** Subjects are `<prefix>.events.<type>`. */
  @Matches(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, { message: 'NATS_SUBJECT_PREFIX must be dot-separated tokens of letters, digits, _ and -' })
  NATS_SUBJECT_PREFIX = 'ceasefire';

  /** The JetStream stream the relay publishes to (created when missing): it must hold only the relay's messages. */
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'NATS_STREAM must be letters, digits, _ and -' })
  NATS_STREAM = 'CEASEFIRE_EVENTS';

  @IsOptional()
  @IsString()
  NODE_ENV?: string;
}

const CONFIG_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_OWNER_URL',
  'READ_DATABASE_URL',
  'DB_CONNECT_TIMEOUT_MS',
  'DB_QUERY_TIMEOUT_MS',
  'APPEND_QUEUE_LIMIT',
  'LIVE_FEED_MAX_CLIENTS',
  'LIVE_FEED_CLIENT_BUFFER_BYTES',
  'EXPORT_MAX_CONCURRENT',
  'PORT',
  'HOST',
  'API_KEYS',
  'LOG_LEVEL',
  'READ_REQUIRES_KEY',
  'BODY_LIMIT_BYTES',
  'AUTH_FAILURE_LIMIT',
  'DB_POOL_SIZE',
  'REBUILD_WORKERS',
  'TRUCE_CACHE_INCIDENTS',
  'EMBEDDED_PG_DIR',
  'CHECKPOINT_ORIGIN',
  'CHECKPOINT_SIGNING_KEY',
  'CHECKPOINT_KEY_FILE',
  'NATS_URL',
  'NATS_SUBJECT_PREFIX',
  'NATS_STREAM',
  'NODE_ENV',
] as const satisfies readonly (keyof AppConfig)[];

/** Validates an environment (process.env, or a test's own) into the typed configuration. */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  // Only the variables named here: the rest of the environment is none of the service's business.
  const known = Object.fromEntries(CONFIG_VARIABLES.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
  const config = plainToInstance(AppConfig, known, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, stopAtFirstError: true });
  const lines = [
    ...errors.flatMap((e) => Object.values(e.constraints ?? {})),
    ...(errors.length ? [] : [...apiKeyProblems(config.API_KEYS), ...checkpointKeyProblems(config)]),
  ];
  if (lines.length > 0) throw new Error(`Invalid configuration:\n  - ${lines.join('\n  - ')}`);
  return config;
}

/** Secrets that are plainly the placeholder of an example file, never to be accepted as they are. */
const PLACEHOLDER = /change-?me|replace-?me|placeholder|your-?(secret|key)|^(secret|password|admin|test)$/i;

/** What the pattern of API_KEYS cannot say: each name and secret once, no placeholder secrets. */
function apiKeyProblems(spec: string | undefined): string[] {
  if (!spec?.trim()) return [];
  const entries = spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, , ...secret] = part.split(':');
      return { name, secret: secret.join(':') };
    });
  const problems: string[] = [];
  const twice = (values: string[]) => values.filter((v, i) => values.indexOf(v) !== i);
  for (const name of new Set(twice(entries.map((e) => e.name)))) problems.push(`API_KEYS names the key "${name}" more than once`);
  if (twice(entries.map((e) => e.secret)).length) problems.push('API_KEYS gives two keys the same secret');
  for (const { name, secret } of entries) {
    if (PLACEHOLDER.test(secret)) problems.push(`API_KEYS: the secret of "${name}" is a placeholder; set a secret of your own (e.g. openssl rand -base64 24)`);
  }
  return problems;
}

/**
 * What class-validator cannot say alone: the origin is a key name, and only one source of the
 * key is given. (Whether the key itself parses and is named after the origin is checked where it
 * is loaded, in the event store, which knows the format.)
 */
function checkpointKeyProblems(config: AppConfig): string[] {
  if (typeof config.CHECKPOINT_ORIGIN !== 'string' || !isValidKeyName(config.CHECKPOINT_ORIGIN)) {
    return ['CHECKPOINT_ORIGIN must be a key name: not empty, without spaces or "+"'];
  }
  if (config.CHECKPOINT_SIGNING_KEY && config.CHECKPOINT_KEY_FILE) return ['Set CHECKPOINT_SIGNING_KEY or CHECKPOINT_KEY_FILE, not both'];
  return [];
}
