import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { TimeoutSafeClient } from './timeout-safe-client';
import { TypeOrmLogger } from './typeorm-logger';

export interface ConnectionOptions {
  poolSize?: number;
  /**
   * Bounds for the service's own connections, so a database that refuses or goes silent turns
   * into errors within seconds instead of hanging requests (ARCHITECTURE.md, "Under faults").
   * Left out for the owner's migrations, which may legitimately run long.
   */
  timeouts?: { connectMs: number; queryMs: number };
}

/** The one DataSource definition: the app, the tests and the migration command share it. */
export function dataSourceOptions(url: string, options: ConnectionOptions = {}): DataSourceOptions {
  const t = options.timeouts;
  return {
    type: 'postgres',
    url,
    // Each feature registers its own read-model entities (TypeOrmModule.forFeature, autoLoadEntities).
    entities: [],
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    logger: new TypeOrmLogger(),
    extra: {
      max: options.poolSize ?? 20,
      Client: TimeoutSafeClient,
      keepAlive: true,
      ...(t && {
        // Opening a connection, or waiting for a free one in the pool.
        connectionTimeoutMillis: t.connectMs,
        // Server side: a statement or a lock wait may take this long…
        statement_timeout: t.queryMs,
        lock_timeout: t.queryMs,
        // …and a transaction whose client vanished mid-way releases its locks (the append lock!).
        idle_in_transaction_session_timeout: t.queryMs * 2,
        // Client side: an answer that has not come a second later never will (a silent network).
        query_timeout: t.queryMs + 1000,
      }),
    },
  };
}

export function createDataSource(url: string, options: ConnectionOptions = {}): DataSource {
  return new DataSource(dataSourceOptions(url, options));
}
