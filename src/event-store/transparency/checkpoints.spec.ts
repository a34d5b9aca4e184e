import { Logger } from '@nestjs/common';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { validateConfig } from '../../config/app-config';
import { verifyCheckpoint } from '../../verifier/checkpoint';
import { checkpointKeySource, loadConfiguredSigner } from './checkpoints';
import { generateSignerKey } from './checkpoint-signer';

/** A database that answers whether the log has events, and nothing else. */
const databaseWith = (events: boolean) =>
  ({
    query: async (sql: string) => (sql.includes('to_regclass') ? [{ present: true }] : [{ any: events }]),
  }) as unknown as DataSource;

class RecordingLogger extends Logger {
  readonly lines: { level: string; message: string }[] = [];
  override log(message: string) {
    this.lines.push({ level: 'log', message });
  }
  override warn(message: string) {
    this.lines.push({ level: 'warn', message });
  }
  override error(message: string) {
    this.lines.push({ level: 'error', message });
  }
}

describe('the signing key from configuration', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'checkpoints-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('by default keeps the key beside the embedded PostgreSQL’s data, made on first start (0600), warning that instances must share one', async () => {
    const config = validateConfig({ EMBEDDED_PG_DIR: join(dir, 'postgres') });
    expect(checkpointKeySource(config)).toEqual({ kind: 'default-file', file: join(dir, 'checkpoint-signing.key') });
    const logger = new RecordingLogger();

    const signer = await loadConfiguredSigner(config, databaseWith(false), logger);

    const file = join(dir, 'checkpoint-signing.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(signer.origin).toBe('ceasefire-monitor.local/log');
    expect(verifyCheckpoint(signer.signCheckpoint(0, Buffer.alloc(32)), signer.verifierKey).ok).toBe(true);
    expect(logger.lines).toContainEqual({ level: 'warn', message: expect.stringContaining(`${file}, generated now`) });
    expect(logger.lines).toContainEqual({
      level: 'warn',
      message: expect.stringContaining('give every instance the same CHECKPOINT_SIGNING_KEY or CHECKPOINT_KEY_FILE'),
    });
    expect(logger.lines).toContainEqual({ level: 'log', message: expect.stringContaining(signer.verifierKey) });
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);

    // The next start signs with the same key.
    const again = await loadConfiguredSigner(config, databaseWith(true), new RecordingLogger());
    expect(again.verifierKey).toBe(signer.verifierKey);
  });

  it('says loudly when it had to make a new key for a log that already has entries', async () => {
    const logger = new RecordingLogger();
    await loadConfiguredSigner(validateConfig({ EMBEDDED_PG_DIR: join(dir, 'postgres') }), databaseWith(true), logger);
    expect(logger.lines).toContainEqual({
      level: 'error',
      message: expect.stringContaining('A new checkpoint signing key was generated for a log that already has entries'),
    });
  });

  it('uses a configured key or key file as they are, and never makes a configured file', async () => {
    const { signerKey, verifierKey } = generateSignerKey('ceasefire.example/log');
    const fromValue = await loadConfiguredSigner(
      validateConfig({ CHECKPOINT_ORIGIN: 'ceasefire.example/log', CHECKPOINT_SIGNING_KEY: signerKey }),
      databaseWith(true),
      new RecordingLogger(),
    );
    expect(fromValue.verifierKey).toBe(verifierKey);

    const file = join(dir, 'key');
    await writeFile(file, `${signerKey}\n`, { mode: 0o600 });
    const logger = new RecordingLogger();
    const fromFile = await loadConfiguredSigner(
      validateConfig({ CHECKPOINT_ORIGIN: 'ceasefire.example/log', CHECKPOINT_KEY_FILE: file }),
      databaseWith(true),
      logger,
    );
    expect(fromFile.verifierKey).toBe(verifierKey);
    expect(logger.lines.filter((l) => l.level !== 'log')).toEqual([]);

    const missing = join(dir, 'not-mounted', 'key');
    await expect(loadConfiguredSigner(validateConfig({ CHECKPOINT_KEY_FILE: missing }), databaseWith(true), new RecordingLogger())).rejects.toThrow(
      `${missing} (CHECKPOINT_KEY_FILE)`,
    );
    await expect(stat(missing)).rejects.toThrow('ENOENT');
    // A key file of another log's name is refused, not used.
    await expect(loadConfiguredSigner(validateConfig({ CHECKPOINT_KEY_FILE: file }), databaseWith(true), new RecordingLogger())).rejects.toThrow('must match');
    expect(await readFile(file, 'utf8')).toBe(`${signerKey}\n`);
  });
});
