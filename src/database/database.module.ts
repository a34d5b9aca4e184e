import { Global, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';
import { migrateDatabase } from './migrate-database';
import { READ_DATA_SOURCE, READ_DATABASE_PROVIDERS, ReadDatabase } from './read-database';

/** Migrations run at start-up, before the app serves anything. */
@Injectable()
export class MigrateOnStart implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const applied = await migrateDatabase(this.config, this.dataSource, this.logger);
    if (applied.length) this.logger.log(`Applied ${applied.join(', ')}`);
  }
}

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (!config.DATABASE_URL) throw new Error('DATABASE_URL is not set (npm start sets it when it starts the embedded PostgreSQL)');
        return {
          ...dataSourceOptions(config.DATABASE_URL, {
            poolSize: config.DB_POOL_SIZE,
            timeouts: { connectMs: config.DB_CONNECT_TIMEOUT_MS, queryMs: config.DB_QUERY_TIMEOUT_MS },
          }),
          autoLoadEntities: true,
        };
      },
    }),
  ],
  providers: [MigrateOnStart, ...READ_DATABASE_PROVIDERS],
  exports: [ReadDatabase, READ_DATA_SOURCE],
})
export class DatabaseModule {}
