import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { IncidentView } from '../incidents/projections/incident-view.entity';
import { TruceView } from '../truces/projections/truce-view.entity';

export const ENTITIES = [TruceView, IncidentView];

/** The one DataSource definition: the app, the tests and the migration command share it. */
export function dataSourceOptions(url: string, options: { poolSize?: number } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
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
