import { Inject, Injectable, OnApplicationShutdown, Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source';

/**
 * The DataSource that queries read from: a streaming replica's with READ_DATABASE_URL, else the
 * primary itself. Injected with @InjectReadDataSource() wherever a GET is answered; writes,
 * idempotency, integrity and checkpoints keep injecting the primary (`DataSource`).
 */
export const READ_DATA_SOURCE = Symbol('READ_DATA_SOURCE');
export const InjectReadDataSource = (): ParameterDecorator => Inject(READ_DATA_SOURCE);

/** What the read side has, as /health/ready reports it. */
export interface ReplicaState {
  /** The highest position of the log the replica has replayed. */
  replayedPosition: number;
  /** How far behind the replica's replay is in time: 0 when it has replayed all it received. */
  lagSeconds: number | null;
  replayPaused: boolean;
}

/**
 * The read side of the database. A hot standby replays the primary's WAL in commit order, and
 * appends commit in position order (ADR 0001), so whatever the replica shows is a gap-free prefix
 * of the log: a reader paging by position on it misses nothing, it only sees it later.
 */
@Injectable()
export class ReadDatabase implements OnApplicationShutdown {
  constructor(
    readonly dataSource: DataSource,
    /** False when the reads go to the primary (no READ_DATABASE_URL). */
    readonly isReplica: boolean,
  ) {}

  /** The highest position a query on the read side sees now. */
  async headPosition(): Promise<number> {
    const [row] = await this.dataSource.query('SELECT COALESCE(MAX(position), 0) AS head FROM events');
    return Number(row.head);
  }

  /** The replica's position and lag (on the primary: its head, no lag). */
  async state(): Promise<ReplicaState> {
    const [row] = await this.dataSource.query(`
      SELECT COALESCE((SELECT MAX(position) FROM events), 0) AS position,
             CASE WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                  ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END AS lag_seconds,
             pg_is_in_recovery() AND pg_is_wal_replay_paused() AS paused`);
    return {
      replayedPosition: Number(row.position),
      lagSeconds: row.lag_seconds === null ? null : Math.max(0, Math.round(Number(row.lag_seconds) * 1000) / 1000),
      replayPaused: row.paused === true,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.isReplica && this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** ReadDatabase and READ_DATA_SOURCE, for the (global) DatabaseModule. */
export const READ_DATABASE_PROVIDERS: Provider[] = [
  {
    provide: ReadDatabase,
    inject: [AppConfig, DataSource],
    useFactory: async (config: AppConfig, primary: DataSource): Promise<ReadDatabase> => {
      if (!config.READ_DATABASE_URL) return new ReadDatabase(primary, false);
      const replica = new DataSource({
        ...dataSourceOptions(config.READ_DATABASE_URL, {
          poolSize: config.DB_POOL_SIZE,
          timeouts: { connectMs: config.DB_CONNECT_TIMEOUT_MS, queryMs: config.DB_QUERY_TIMEOUT_MS },
        }),
        // The read models the features registered on the primary (autoLoadEntities); no migrations: a replica is read-only.
        entities: primary.options.entities,
        migrations: [],
      });
      await replica.initialize();
      return new ReadDatabase(replica, true);
    },
  },
  { provide: READ_DATA_SOURCE, inject: [ReadDatabase], useFactory: (reads: ReadDatabase) => reads.dataSource },
];
