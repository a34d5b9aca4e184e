import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { DestinationStream } from 'pino';
import { AppModule } from '../../src/app.module';
import { configureApp, createHttpAdapter, NEST_OPTIONS } from '../../src/app.setup';
import { Clock, FixedClock, SystemClock } from '../../src/common/clock';
import { validateConfig } from '../../src/config/app-config';
import { LOG_DESTINATION } from '../../src/logging/logging.module';
import { testDatabaseUrl } from './test-database';

export const KEYS = {
  reporter: 'reporter-secret-0001',
  /** A second reporter desk: it may report, but not retract or revise the first desk's reports. */
  otherReporter: 'reporter-secret-0002',
  verifier: 'verifier-secret-0001',
  admin: 'admin-secret-00000001',
};

/**
 * The tests' fixed checkpoint signing key (a test key: it signs nothing real). The app under test
 * signs with it, so a test can pin TEST_VERIFIER_KEY as an auditor would.
 */
export const TEST_CHECKPOINT = {
  origin: 'ceasefire-monitor.test/log',
  signingKey: 'PRIVATE+KEY+ceasefire-monitor.test/log+e5da3e07+AW9AHnLHg803FDAwYusSmrE3MMYd6PIi96LJ4wYYQBy0',
  verifierKey: 'ceasefire-monitor.test/log+e5da3e07+AYPtS2651yfGSxyA04yh7wnIkg5rkn6Z7RhEot5/AOhy',
};

export interface TestApp {
  app: NestFastifyApplication;
  /** The clock the app reads; moving it does nothing when the app was made with `realClock`. */
  clock: FixedClock;
  http: () => any;
  /** Every route the HTTP server serves, as Fastify registered it (`url` with `:param`s). */
  routes: { method: string; url: string }[];
  /** Runs `work` with `tag` as the X-Correlation-Id of every request that sets none, so the log shows what they wrote. */
  taggingRequests<T>(tag: string, work: () => Promise<T>): Promise<T>;
}

/**
 * The real app (real migrations, real PostgreSQL) through the same configureApp() as
 * production, with a clock the test moves by hand — or, with `realClock`, the wall clock, as a
 * user's `npm start` has (the README's tour asks "as of now").
 */
export async function createTestApp(
  options: { env?: Record<string, string>; now?: string; logDestination?: DestinationStream; realClock?: boolean } = {},
): Promise<TestApp> {
  const config = validateConfig({
    DATABASE_URL: testDatabaseUrl(),
    API_KEYS: `alice-reporter:reporter:${KEYS.reporter},bob-reporter:reporter:${KEYS.otherReporter},victor-verifier:verifier:${KEYS.verifier},ada-admin:admin:${KEYS.admin}`,
    // Quiet unless asked for (TEST_LOG_LEVEL=debug npx jest …): the suite provokes failures on purpose.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    CHECKPOINT_ORIGIN: TEST_CHECKPOINT.origin,
    CHECKPOINT_SIGNING_KEY: TEST_CHECKPOINT.signingKey,
    ...options.env,
  });
  const clock = new FixedClock(new Date(options.now ?? '2020-10-10T07:00:00Z'));
  let builder = Test.createTestingModule({ imports: [AppModule.register(config)] })
    .overrideProvider(Clock)
    .useValue(options.realClock ? new SystemClock() : clock);
  // nestjs-pino keeps one logger per process (per test file, under Jest): the first app's wins.
  if (options.logDestination) builder = builder.overrideProvider(LOG_DESTINATION).useValue(options.logDestination);
  const moduleRef = await builder.compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), NEST_OPTIONS);
  configureApp(app);
  let tag: string | undefined;
  const routes: { method: string; url: string }[] = [];
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  fastify.addHook('onRequest', async (req) => {
    if (tag !== undefined && req.headers['x-correlation-id'] === undefined) req.headers['x-correlation-id'] = tag;
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const taggingRequests = async <T>(value: string, work: () => Promise<T>): Promise<T> => {
    tag = value;
    try {
      return await work();
    } finally {
      tag = undefined;
    }
  };
  return { app, clock, http: () => app.getHttpServer(), routes, taggingRequests };
}

export const bearer = (role: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[role]}` });
