import { INestApplication } from '@nestjs/common';
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
  app: INestApplication;
  clock: FixedClock;
  http: () => any;
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
    CHECKPOINT_ORIGIN: TEST_CHECKPOINT.origin,
    CHECKPOINT_SIGNING_KEY: TEST_CHECKPOINT.signingKey,
    ...options.env,
  });
  const clock = new FixedClock(new Date(options.now ?? '2020-10-10T07:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(config)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
  configureApp(app);
  await app.init();
  return { app, clock, http: () => app.getHttpServer() };
}

export const bearer = (role: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[role]}` });
