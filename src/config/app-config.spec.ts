import { validateConfig } from './app-config';

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
    [{ CHECKPOINT_SIGNING_KEY: KEY }, 'CHECKPOINT_SIGNING_KEY is the key of "ceasefire.example/log", but CHECKPOINT_ORIGIN is "ceasefire-monitor.local/log"'],
    [{ CHECKPOINT_ORIGIN: 'ceasefire log' }, 'CHECKPOINT_ORIGIN must be a key name'],
    [{ CHECKPOINT_ORIGIN: 'a+b' }, 'CHECKPOINT_ORIGIN must be a key name'],
    [{ CHECKPOINT_ORIGIN: '' }, 'CHECKPOINT_ORIGIN must be a key name'],
    [{ CHECKPOINT_ORIGIN: 'ceasefire.example/log', CHECKPOINT_SIGNING_KEY: KEY, CHECKPOINT_KEY_FILE: '/run/secrets/key' }, 'not both'],
    [{ CHECKPOINT_SIGNING_KEY: 'PRIVATE+KEY+ceasefire-monitor.local/log+00000000+AZebonNRHbU1cdv9+uh9UvaA9Tuv6GEEkDmGmCDKrQir' }, 'CHECKPOINT_SIGNING_KEY is not a signer key'],
    [{ CHECKPOINT_KEY_FILE: '' }, 'CHECKPOINT_KEY_FILE must not be empty'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => validateConfig(env)).toThrow(message);
  });

  it('never repeats the key in its complaint', () => {
    const secret = KEY.replace('45d56e02', '00000000');
    try {
      validateConfig({ CHECKPOINT_ORIGIN: 'ceasefire.example/log', CHECKPOINT_SIGNING_KEY: secret });
      throw new Error('accepted');
    } catch (error) {
      expect((error as Error).message).toContain('CHECKPOINT_SIGNING_KEY');
      expect((error as Error).message).not.toContain('AZebonNRHbU1cdv9+uh9UvaA9Tuv6GEEkDmGmCDKrQir');
    }
  });
});
