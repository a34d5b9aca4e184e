import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const integer = (fallback: number) => Transform(({ value }) => (value === undefined || value === '' ? fallback : Number(value)));

/**
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

  /** Longest wait for a database connection (opening one, or a free one from the pool). */
  @integer(3000)
  @IsInt({ message: 'DB_CONNECT_TIMEOUT_MS must be an integer' })
  @Min(100)
  DB_CONNECT_TIMEOUT_MS = 3000;

  /** Longest a statement may run, and how long the service waits for any answer before it gives up on a connection. */
  @integer(5000)
  @IsInt({ message: 'DB_QUERY_TIMEOUT_MS must be an integer' })
  @Min(100)
  DB_QUERY_TIMEOUT_MS = 5000;

  /** Appends waiting for their turn beyond which new ones are answered 503 at once. */
  @integer(5000)
  @IsInt({ message: 'APPEND_QUEUE_LIMIT must be an integer' })
  @Min(1)
  APPEND_QUEUE_LIMIT = 5000;

  /** Open live-feed (SSE) connections per instance; more are answered 503. */
  @integer(500)
  @IsInt({ message: 'LIVE_FEED_MAX_CLIENTS must be an integer' })
  @Min(1)
  LIVE_FEED_MAX_CLIENTS = 500;

  /** Exports streamed at once per instance; more are answered 503. */
  @integer(8)
  @IsInt({ message: 'EXPORT_MAX_CONCURRENT must be an integer' })
  @Min(1)
  EXPORT_MAX_CONCURRENT = 8;

  @integer(3000)
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0)
  @Max(65535)
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

  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'], {
    message: 'LOG_LEVEL must be one of fatal, error, warn, log, debug, verbose',
  })
  LOG_LEVEL = 'log';

  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  READ_REQUIRES_KEY = false;

  /** Largest accepted request body, in bytes (API.md: 1 MB). */
  @integer(1_048_576)
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer' })
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** Failed authentications per client address per minute before 429. */
  @integer(20)
  @IsInt({ message: 'AUTH_FAILURE_LIMIT must be an integer' })
  @Min(1)
  AUTH_FAILURE_LIMIT = 20;

  /** Connections in the pool of each instance. */
  @integer(20)
  @IsInt({ message: 'DB_POOL_SIZE must be an integer' })
  @Min(2)
  @Max(500)
  DB_POOL_SIZE = 20;

  /** Incidents each instance keeps in memory to answer status and time-travel questions. */
  @integer(300_000)
  @IsInt({ message: 'TRUCE_CACHE_INCIDENTS must be an integer' })
  @Min(0)
  TRUCE_CACHE_INCIDENTS = 300_000;

  /** Where the embedded PostgreSQL keeps its data (only without DATABASE_URL). */
  @IsString()
  EMBEDDED_PG_DIR = '.data/postgres';

  @IsOptional()
  @IsString()
  NODE_ENV?: string;
}

const CONFIG_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_OWNER_URL',
  'DB_CONNECT_TIMEOUT_MS',
  'DB_QUERY_TIMEOUT_MS',
  'APPEND_QUEUE_LIMIT',
  'LIVE_FEED_MAX_CLIENTS',
  'EXPORT_MAX_CONCURRENT',
  'PORT',
  'HOST',
  'API_KEYS',
  'LOG_LEVEL',
  'READ_REQUIRES_KEY',
  'BODY_LIMIT_BYTES',
  'AUTH_FAILURE_LIMIT',
  'DB_POOL_SIZE',
  'TRUCE_CACHE_INCIDENTS',
  'EMBEDDED_PG_DIR',
  'NODE_ENV',
] as const satisfies readonly (keyof AppConfig)[];

/** Validates an environment (process.env, or a test's own) into the typed configuration. */
export function validateConfig(env: Record<string, unknown>): AppConfig {
  // Only the variables named here: the rest of the environment is none of the service's business.
  const known = Object.fromEntries(CONFIG_VARIABLES.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
  const config = plainToInstance(AppConfig, known, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new Error(`Invalid configuration:\n  - ${lines.join('\n  - ')}`);
  }
  return config;
}
