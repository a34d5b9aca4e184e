import { DataSource } from 'typeorm';
import { validateConfig } from '../../config/app-config';
import { loadConfiguredSigner } from './checkpoints';

/** A throw-away test key, named ceasefire.example/log. */
const KEY = 'PRIVATE+KEY+ceasefire.example/log+45d56e02+AZebonNRHbU1cdv9+uh9UvaA9Tuv6GEEkDmGmCDKrQir';
/** A configured key is loaded without the database. */
const NO_DATABASE = {} as DataSource;

describe('the configured checkpoint signing key', () => {
  const load = (env: Record<string, string>) => loadConfiguredSigner(validateConfig(env), NO_DATABASE);

  it('is taken when it is named after the origin', async () => {
    const signer = await load({ CHECKPOINT_ORIGIN: 'ceasefire.example/log', CHECKPOINT_SIGNING_KEY: KEY });
    expect(signer.origin).toBe('ceasefire.example/log');
  });

  it('is refused, naming the variable, when named after another log', async () => {
    await expect(load({ CHECKPOINT_SIGNING_KEY: KEY })).rejects.toThrow(
      /CHECKPOINT_SIGNING_KEY is not usable: .*"ceasefire.example\/log".*"ceasefire-monitor.local\/log"/,
    );
  });

  it('is refused when it is not a signer key, and the complaint never repeats the key', async () => {
    const broken = KEY.replace('45d56e02', '00000000');
    const error = await load({ CHECKPOINT_ORIGIN: 'ceasefire.example/log', CHECKPOINT_SIGNING_KEY: broken }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toContain('CHECKPOINT_SIGNING_KEY is not usable');
    expect(error?.message).not.toContain('AZebonNRHbU1cdv9+uh9UvaA9Tuv6GEEkDmGmCDKrQir');
  });
});
