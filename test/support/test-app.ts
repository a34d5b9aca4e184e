import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { configureApp, createHttpAdapter, NEST_OPTIONS } from '../../src/app.setup';
import { Clock, FixedClock } from '../../src/common/clock';
import { validateConfig } from '../../src/config/app-config';
import { testDatabaseUrl } from './test-database';

export const KEYS = {
  reporter: 'reporter-secret-0001',
  /** A second reporter desk: it may report, but not retract or revise the first desk's reports. */
  otherReporter: 'reporter-secret-0002',
  verifier: 'verifier-secret-0001',
  admin: 'admin-secret-00000001',
};

export interface TestApp {
  app: NestFastifyApplication;
  clock: FixedClock;
  http: () => any;
  /** Every route the HTTP server serves, as Fastify registered it (`url` with `:param`s). */
  routes: { method: string; url: string }[];
  /** Runs `work` with `tag` as the X-Correlation-Id of every request that sets none, so the log shows what they wrote. */
  taggingRequests<T>(tag: string, work: () => Promise<T>): Promise<T>;
}

/**
 * The real app (real migrations, real PostgreSQL) through the same configureApp() as
 * production, with a clock the test moves by hand.
 */
export async function createTestApp(options: { env?: Record<string, string>; now?: string } = {}): Promise<TestApp> {
  const config = validateConfig({
    DATABASE_URL: testDatabaseUrl(),
    API_KEYS: `alice-reporter:reporter:${KEYS.reporter},bob-reporter:reporter:${KEYS.otherReporter},victor-verifier:verifier:${KEYS.verifier},ada-admin:admin:${KEYS.admin}`,
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const clock = new FixedClock(new Date(options.now ?? '2020-10-10T07:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createHttpAdapter(config), { ...NEST_OPTIONS, logger: ['error'] });
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
