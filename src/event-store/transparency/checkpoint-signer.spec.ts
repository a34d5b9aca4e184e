// Known answers from golang.org/x/mod/sumdb/note (note_test.go) and transparency-dev/formats
// (log/note_test.go): signer keys as Go writes them, and the exact note Go signs with one.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyCheckpoint } from '../../verifier/checkpoint';
import { leafHash } from '../../verifier/merkle';
import { CheckpointSigner, generateKeyFile, generateSignerKey, loadCheckpointSigner, parseSignerKey, SignerKeyError } from './checkpoint-signer';

const peterSigner = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const peterVerifier = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';

describe('signer keys (the sumdb/note format)', () => {
  it('derives the verifier keys of Go-generated signer keys', () => {
    const pairs = [
      [peterSigner, peterVerifier],
      ['PRIVATE+KEY+Log+2271c621+AdEIq9FLRQni54Wg68T96VJO+iayOaulswav2DUMKgvQ', 'Log+2271c621+AemuH5ooBpEPcr+W8onrjA1NfuzBVHdezakU81Ekarvs'],
      ['PRIVATE+KEY+Known+451c786d+AQPRoE2+Z+Ed1HaHBA9F/FfracvcZ2rDU39kCecMEoci', 'Known+451c786d+AXAQ0T7lbwuY4ABJ9/MYY9bWV3hmSyOGVt2x42NkmdUH'],
      ['PRIVATE+KEY+KnownAgain+4893b26c+ARhZda/l25zjGZswYLDZsLNRzNpmv5wYTN9IoTr1OJ2+', 'KnownAgain+4893b26c+AQ+LR7BFF/F/dkpIBjBpSvT0crkteizuUkavAoGeaYMj'],
      ['PRIVATE+KEY+Unknown+fdbb2e08+Aav2knTC6orbhXX8pMWuNiWgO+Wwk2DB+h1eU2Q1W1nU', 'Unknown+fdbb2e08+AWgRIYZ+8x1Vl+1Q+sR8zciNHiYI1SdlBjNw+RV0rots'],
    ];
    for (const [signer, verifier] of pairs) expect(parseSignerKey(signer).verifierKey).toBe(verifier);
  });

  it('signs exactly the note Go signs (TestSign)', () => {
    const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    const signer = new CheckpointSigner('PeterNeumann', parseSignerKey(peterSigner));
    expect(signer.signNote(text)).toBe(
      `${text}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`,
    );
  });

  it('refuses every substring and every one-byte change of a signer key (TestNewSigner)', () => {
    const accepted: string[] = [];
    const attempt = (key: string) => {
      try {
        parseSignerKey(key);
        accepted.push(key);
      } catch (error) {
        if (!(error instanceof SignerKeyError)) throw error;
      }
    };
    for (let i = 0; i <= peterSigner.length; i++)
      for (let j = i + 1; j <= peterSigner.length; j++) if (i !== 0 || j !== peterSigner.length) attempt(peterSigner.slice(i, j));
    for (let i = 0; i < peterSigner.length; i++)
      attempt(peterSigner.slice(0, i) + String.fromCharCode(peterSigner.charCodeAt(i) + 1) + peterSigner.slice(i + 1));
    expect(accepted).toEqual([]);
  });

  it('generates a key pair that signs checkpoints its verifier key verifies', () => {
    const { signerKey, verifierKey } = generateSignerKey('ceasefire.example/log');
    const signer = new CheckpointSigner('ceasefire.example/log', parseSignerKey(signerKey));
    expect(signer.verifierKey).toBe(verifierKey);
    const root = leafHash(Buffer.from('x'));
    const note = signer.signCheckpoint(42, root);
    expect(note.split('\n').slice(0, 4)).toEqual(['ceasefire.example/log', '42', root.toString('base64'), '']);
    expect(verifyCheckpoint(note, verifierKey)).toMatchObject({ ok: true, checkpoint: { origin: 'ceasefire.example/log', treeSize: 42, rootHash: root } });
  });

  it('wants the key named after the origin, and an origin that can be a key name', () => {
    const { signerKey } = generateSignerKey('ceasefire.example/log');
    expect(() => new CheckpointSigner('ceasefire.example/other', parseSignerKey(signerKey))).toThrow('must match');
    expect(() => generateSignerKey('ceasefire log')).toThrow(SignerKeyError);
    expect(() => generateSignerKey('a+b')).toThrow(SignerKeyError);
  });
});

describe('key files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'checkpoint-signer-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('are created readable by their owner only, and never overwritten', async () => {
    const path = join(dir, 'keys', 'checkpoint.key');
    const { verifierKey } = await generateKeyFile(path, 'ceasefire.example/log');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const contents = await readFile(path, 'utf8');
    expect(parseSignerKey(contents).verifierKey).toBe(verifierKey);
    await expect(generateKeyFile(path, 'ceasefire.example/log')).rejects.toThrow('Refusing to overwrite');
    expect(await readFile(path, 'utf8')).toBe(contents);
  });

  it('load from the configured value, from a file, or from a file made when asked', async () => {
    const path = join(dir, 'checkpoint.key');
    await expect(loadCheckpointSigner({ origin: 'o.example/log', keyFile: path })).rejects.toThrow('ENOENT');
    const made = await loadCheckpointSigner({ origin: 'o.example/log', keyFile: path, generateIfMissing: true });
    const again = await loadCheckpointSigner({ origin: 'o.example/log', keyFile: path, generateIfMissing: true });
    expect(again.verifierKey).toBe(made.verifierKey);
    const { signerKey, verifierKey } = generateSignerKey('o.example/log');
    expect((await loadCheckpointSigner({ origin: 'o.example/log', key: signerKey, keyFile: path })).verifierKey).toBe(verifierKey);
    await writeFile(join(dir, 'bad.key'), 'PRIVATE+KEY+nonsense\n');
    await expect(loadCheckpointSigner({ origin: 'o.example/log', keyFile: join(dir, 'bad.key') })).rejects.toThrow(SignerKeyError);
    await expect(loadCheckpointSigner({ origin: 'o.example/log' })).rejects.toThrow('No checkpoint signing key');
  });
});
