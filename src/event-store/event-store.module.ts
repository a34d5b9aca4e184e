import { DynamicModule, Module, Type } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { EVENT_STORE_LIMITS, EventStore, EventStoreLimits } from './event-store.service';
import { EventsController } from './events.controller';
import { LiveFeedHub } from './live/live-feed-hub';
import { LogHead } from './live/log-head';
import { ReadHead } from './live/read-head';
import { LiveEventsController } from './live/live-events.controller';
import { INLINE_PROJECTION, InlineProjection } from './inline-projection';
import { IntegrityService } from './integrity.service';
import { ReadConsistency } from './read-consistency';
import { UPCASTERS, Upcaster } from './upcaster';
import { CHECKPOINT_SIGNER_PROVIDER, CheckpointService } from './transparency/checkpoints';
import { LogTree } from './transparency/log-tree';
import { TransparencyController } from './transparency/transparency.controller';

export interface EventStoreModuleOptions {
  /** Read models kept in the append transaction. */
  projection: Type<InlineProjection>;
  /** Old schema versions → current, applied on read. */
  upcasters: readonly Upcaster[];
}

/** The store knows nothing of truces: the app hands it its projection and upcasters. */
@Module({})
export class EventStoreModule {
  static register(options: EventStoreModuleOptions): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      controllers: [LiveEventsController, EventsController, TransparencyController],
      providers: [
        EventStore,
        IntegrityService,
        ReadConsistency,
        LogHead,
        ReadHead,
        LiveFeedHub,
        LogTree,
        CheckpointService,
        CHECKPOINT_SIGNER_PROVIDER,
        options.projection,
        { provide: INLINE_PROJECTION, useExisting: options.projection },
        { provide: UPCASTERS, useValue: [...options.upcasters] },
        {
          provide: EVENT_STORE_LIMITS,
          inject: [AppConfig],
          useFactory: (config: AppConfig): EventStoreLimits => ({
            queueLimit: config.APPEND_QUEUE_LIMIT,
            queueWaitMs: config.DB_QUERY_TIMEOUT_MS,
            // Long enough for the server to end a lost transaction (idle_in_transaction_session_timeout).
            resolveWaitMs: config.DB_QUERY_TIMEOUT_MS * 2 + 2000,
          }),
        },
      ],
      exports: [EventStore, IntegrityService, ReadConsistency, LogHead, ReadHead, LiveFeedHub, LogTree, CheckpointService, INLINE_PROJECTION],
    };
  }
}
