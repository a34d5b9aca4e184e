import { INestApplication } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
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
  app: INestApplication;
  clock: FixedClock;
  http: () => any;
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
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
  configureApp(app);
  let tag: string | undefined;
  app.use((req: IncomingMessage, _res: unknown, next: () => void) => {
    if (tag !== undefined && req.headers['x-correlation-id'] === undefined) req.headers['x-correlation-id'] = tag;
    next();
  });
  await app.init();
  const taggingRequests = async <T>(value: string, work: () => Promise<T>): Promise<T> => {
    tag = value;
    try {
      return await work();
    } finally {
      tag = undefined;
    }
  };
  return { app, clock, http: () => app.getHttpServer(), taggingRequests };
}

export const bearer = (role: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[role]}` });
