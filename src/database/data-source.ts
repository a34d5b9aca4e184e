import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';

/** The one DataSource definition: the app, the tests and the migration command share it. */
export function dataSourceOptions(url: string, options: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    // Each feature registers its own read-model entities (TypeOrmModule.forFeature, autoLoadEntities).
    entities: [],
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    extra: { max: options.poolSize ?? 20 },
  };
}

export function createDataSource(url: string, options: { poolSize?: number } = {}): DataSource {
  return new DataSource(dataSourceOptions(url, options));
}
