import { DynamicModule, Module, Type } from '@nestjs/common';
import { EventStore } from './event-store.service';
import { EventsController } from './events.controller';
import { AppendNotifier } from './live/append-notifier';
import { LiveEventsController } from './live/live-events.controller';
import { INLINE_PROJECTION, InlineProjection } from './inline-projection';
import { IntegrityService } from './integrity.service';
import { ReadConsistency } from './read-consistency';
import { UPCASTERS, Upcaster } from './upcaster';

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
      controllers: [LiveEventsController, EventsController],
      providers: [
        EventStore,
        IntegrityService,
        ReadConsistency,
        AppendNotifier,
        options.projection,
        { provide: INLINE_PROJECTION, useExisting: options.projection },
        { provide: UPCASTERS, useValue: [...options.upcasters] },
      ],
      exports: [EventStore, IntegrityService, ReadConsistency, INLINE_PROJECTION],
    };
  }
}
