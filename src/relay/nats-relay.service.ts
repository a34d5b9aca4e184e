import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EventStore } from '../event-store/event-store.service';
import { LogHead } from '../event-store/live/log-head';
import { sleep } from '../common/concurrency/abortable-sleep';
import { LogSource, NatsRelay } from './nats-relay';
import { RelayLeadership } from './relay-leadership';

/**
 * With NATS_URL set, publishes every committed event to JetStream from this process, started
 * on bootstrap. Of several instances, the one holding the relay's advisory lock publishes; the
 * others wait to take over. It wakes on each commit (LogHead: this instance's own, and other
 * instances' by notification) and looks at the log every second anyway.
 */
@Injectable()
export class NatsRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('NatsRelay');
  private readonly stop = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly store: EventStore,
    private readonly head: LogHead,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config.NATS_URL?.trim());
  }

  onApplicationBootstrap(): void {
    if (!this.enabled || this.running) return;
    const relay = new NatsRelay(this.logSource(), {
      servers: this.config.NATS_URL!.split(',').map((url) => url.trim()),
      stream: this.config.NATS_STREAM,
      subjectPrefix: this.config.NATS_SUBJECT_PREFIX,
      logger: this.logger,
    });
    const leadership = new RelayLeadership({
      databaseUrl: this.config.DATABASE_URL!,
      stream: this.config.NATS_STREAM,
      connectTimeoutMs: this.config.DB_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: this.config.DB_QUERY_TIMEOUT_MS,
    });
    this.running = leadership.hold(
      this.stop.signal,
      (lost) => relay.run(lost),
      (error) => this.logger.warn(`relay lock: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    this.stop.abort();
    await this.running;
  }

  private logSource(): LogSource {
    return {
      read: (after, limit) => this.store.readAll({ after, limit }),
      waitForCommit: async (after, timeoutMs, signal) => {
        // Once the app is closing the head stops following; sleep rather than spin.
        if (this.head.isClosed) return sleep(timeoutMs, signal);
        await this.head.waitFor(after + 1, timeoutMs, signal);
      },
    };
  }
}
