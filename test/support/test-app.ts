import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Clock, FixedClock } from '../../src/common/clock';
import { testDatabaseUrl } from './test-database';

export const KEYS = {
  reporter: 'reporter-secret-0001',
  verifier: 'verifier-secret-0001',
  admin: 'admin-secret-00000001',
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
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.API_KEYS = `alice-reporter:reporter:${KEYS.reporter},victor-verifier:verifier:${KEYS.verifier},ada-admin:admin:${KEYS.admin}`;
  process.env.LOG_LEVEL = 'error';
  for (const [k, v] of Object.entries(options.env ?? {})) process.env[k] = v;
  const clock = new FixedClock(new Date(options.now ?? '2020-10-10T07:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register()] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error'] });
  configureApp(app);
  await app.init();
  for (const k of Object.keys(options.env ?? {})) delete process.env[k];
  return { app, clock, http: () => app.getHttpServer() };
}

export const bearer = (role: keyof typeof KEYS) => ({ Authorization: `Bearer ${KEYS[role]}` });
