import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** The environment, validated once at start-up: a bad value stops the service with its name. */
export class AppConfig {
  /** postgres://… ; when absent, `npm start` starts an embedded PostgreSQL under .data/. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(({ value }) => (value === undefined ? 3000 : Number(value)))
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
  @Transform(({ value }) => (value === undefined ? 1_048_576 : Number(value)))
  @IsInt({ message: 'BODY_LIMIT_BYTES must be an integer' })
  @Min(1024)
  BODY_LIMIT_BYTES = 1_048_576;

  /** Failed authentications per client address per minute before 429. */
  @Transform(({ value }) => (value === undefined ? 20 : Number(value)))
  @IsInt({ message: 'AUTH_FAILURE_LIMIT must be an integer' })
  @Min(1)
  AUTH_FAILURE_LIMIT = 20;

  /** Connections in the pool of each instance. */
  @Transform(({ value }) => (value === undefined ? 20 : Number(value)))
  @IsInt({ message: 'DB_POOL_SIZE must be an integer' })
  @Min(2)
  @Max(500)
  DB_POOL_SIZE = 20;

  /** Incidents each instance keeps in memory to answer status and time-travel questions. */
  @Transform(({ value }) => (value === undefined ? 300_000 : Number(value)))
  @IsInt({ message: 'TRUCE_CACHE_INCIDENTS must be an integer' })
  @Min(0)
  TRUCE_CACHE_INCIDENTS = 300_000;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;
}

export function validateConfig(env: Record<string, unknown>): AppConfig {
  const config = plainToInstance(AppConfig, env, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new Error(`Invalid configuration:\n  - ${lines.join('\n  - ')}`);
  }
  return config;
}
