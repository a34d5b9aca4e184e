import { Module } from '@nestjs/common';
import { NatsRelayService } from './nats-relay.service';

/** The broker feed: idle unless NATS_URL is set. */
@Module({ providers: [NatsRelayService], exports: [NatsRelayService] })
export class RelayModule {}
