import { validateConfig } from './app-config';

describe('validateConfig', () => {
  it('fills defaults and reads only the variables it knows', () => {
    const config = validateConfig({ PORT: '8080', PATH: '/usr/bin', READ_REQUIRES_KEY: 'true' });
    expect(config).toMatchObject({ PORT: 8080, READ_REQUIRES_KEY: true, DB_QUERY_TIMEOUT_MS: 5000, APPEND_QUEUE_LIMIT: 5000 });
    expect(config).not.toHaveProperty('PATH');
  });

  it('names each bad variable', () => {
    const names = (env: Record<string, string>) => {
      try {
        validateConfig(env);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    };
    const message = names({ PORT: 'eighty', DATABASE_OWNER_URL: 'mysql://x' });
    expect(message).toContain('PORT must be an integer');
    expect(message).toContain('DATABASE_OWNER_URL must be a postgres:// URL');
    expect(message).not.toContain('greater than');
  });

  it('takes an optional read replica URL, and refuses one that is not postgres://', () => {
    expect(validateConfig({}).READ_DATABASE_URL).toBeUndefined();
    expect(validateConfig({ READ_DATABASE_URL: 'postgres://app@replica:5432/ceasefire' }).READ_DATABASE_URL).toBe('postgres://app@replica:5432/ceasefire');
    expect(() => validateConfig({ READ_DATABASE_URL: 'replica:5432' })).toThrow('READ_DATABASE_URL must be a postgres:// URL');
  });

  it('refuses a key name given twice, and two keys with one secret', () => {
    expect(() => validateConfig({ API_KEYS: 'desk:reporter:s3cret-one,desk:admin:s3cret-two' })).toThrow(/names the key "desk" more than once/);
    expect(() => validateConfig({ API_KEYS: 'a:reporter:s3cret-one,b:admin:s3cret-one' })).toThrow(/two keys the same secret/);
  });

  it("refuses an example file's placeholder secrets as they are", () => {
    expect(() => validateConfig({ API_KEYS: 'admin:admin:change-me-admin-key' })).toThrow(/secret of "admin" is a placeholder/);
    expect(() => validateConfig({ API_KEYS: 'admin:admin:x7Qp2mV9tR4wZ1' })).not.toThrow();
  });
});

/** A throw-away test key. */
const KEY = 'PRIVATE+KEY+ceasefire.example/log+45d56e02+AZebonNRHbU1cdv9+uh9UvaA9Tuv6GEEkDmGmCDKrQir';

describe('the checkpoint configuration', () => {
  it('defaults the origin and leaves the key to the default file', () => {
    const config = validateConfig({});
    expect(config.CHECKPOINT_ORIGIN).toBe('ceasefire-monitor.local/log');
    expect(config.CHECKPOINT_SIGNING_KEY).toBeUndefined();
    expect(config.CHECKPOINT_KEY_FILE).toBeUndefined();
  });

  it('takes a signer key named after the origin', () => {
    const config = validateConfig({ CHECKPOINT_ORIGIN: 'ceasefire.example/log', CHECKPOINT_SIGNING_KEY: KEY });
    expect(config.CHECKPOINT_SIGNING_KEY).toBe(KEY);
  });

  it.each([
    [{ CHECKPOINT_ORIGIN: 'ceasefire log' }, 'CHECKPOINT_ORIGIN must be a key name'],
    [{ CHECKPOINT_ORIGIN: 'a+b' }, 'CHECKPOINT_ORIGIN must be a key name'],
    [{ CHECKPOINT_ORIGIN: '' }, 'CHECKPOINT_ORIGIN must be a key name'],
    [{ CHECKPOINT_ORIGIN: 'ceasefire.example/log', CHECKPOINT_SIGNING_KEY: KEY, CHECKPOINT_KEY_FILE: '/run/secrets/key' }, 'not both'],
    [{ CHECKPOINT_KEY_FILE: '' }, 'CHECKPOINT_KEY_FILE must not be empty'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => validateConfig(env)).toThrow(message);
  });
});

describe('the NATS relay configuration', () => {
  it('is off by default, with the default subject prefix and stream', () => {
    const config = validateConfig({});
    expect(config.NATS_URL).toBeUndefined();
    expect(config).toMatchObject({ NATS_SUBJECT_PREFIX: 'ceasefire', NATS_STREAM: 'CEASEFIRE_EVENTS' });
  });

  it('takes one or several nats:// servers and refuses anything else', () => {
    expect(validateConfig({ NATS_URL: 'nats://127.0.0.1:4222, nats://10.0.0.2:4222' }).NATS_URL).toBe('nats://127.0.0.1:4222, nats://10.0.0.2:4222');
    expect(() => validateConfig({ NATS_URL: 'http://broker:4222' })).toThrow(/NATS_URL must be nats:\/\/host:port/);
    expect(() => validateConfig({ NATS_SUBJECT_PREFIX: 'a.*' })).toThrow(/NATS_SUBJECT_PREFIX/);
    expect(() => validateConfig({ NATS_STREAM: 'a.b' })).toThrow(/NATS_STREAM/);
  });
});
