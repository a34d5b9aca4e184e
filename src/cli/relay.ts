import { NatsRelayService } from '../relay/nats-relay.service';
import { runWithApp } from './run-with-app';

/**
 * `npm run relay`: the NATS relay alone, without HTTP (NATS_URL must be set), until SIGINT or
 * SIGTERM. It takes the same advisory lock as the service's own relay, so it can run beside
 * service instances: whichever holds the lock publishes.
 */
runWithApp(async (app) => {
  if (!app.get(NatsRelayService).enabled) {
    console.error('NATS_URL is not set: there is no broker to publish to.');
    return 2;
  }
  console.log('NATS relay running; Ctrl-C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  return 0;
});
