import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { IncidentView } from '../incidents/projections/incident-view.entity';
import { TruceView } from '../truces/projections/truce-view.entity';

export const ENTITIES = [TruceView, IncidentView];

/** The one DataSource definition: the app, the tests and the migration command share it. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 20) },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
