import { createPrivateKey, generateKeyPairSync, KeyObject, randomBytes, sign } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatCheckpoint } from '../../verifier/checkpoint';
import {
  decodeBase64Strict,
  ED25519_ALGORITHM,
  ed25519KeyHash,
  formatKeyHash,
  formatSignatureLine,
  formatSignedNote,
  isValidKeyName,
  makeVerifierKey,
  rawEd25519PublicKey,
} from '../../verifier/signed-note';

/**
 * The log's signing key, in the signer key format of golang.org/x/mod/sumdb/note (what
 * note.GenerateKey writes and note.NewSigner reads), so Go tools can sign and check with it:
 *
 *   PRIVATE+KEY+<name>+<8 hex digits of the key hash>+<base64(0x01 ‖ 32-byte Ed25519 seed)>
 *
 * The name is the log's origin (the tlog-checkpoint spec wants the key name to match it). The
 * key lives in configuration or in a file readable only by the service — never in the database,
 * where whoever could rewrite the log could then also sign for it.
 */

export class SignerKeyError extends Error {
  override name = 'SignerKeyError';
}

export interface SignerKey {
  name: string;
  keyHash: number;
  privateKey: KeyObject;
  /** The matching verifier key string, for GET /checkpoint/key and for auditors to pin. */
  verifierKey: string;
}

/** DER prefix of an Ed25519 PKCS#8 private key, followed by the 32-byte seed. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SEED_SIZE = 32;

function fromSeed(seed: Uint8Array): { privateKey: KeyObject; publicKey: Buffer } {
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: rawEd25519PublicKey(privateKey) };
}

/** Go's note.NewSigner, Ed25519 only: checks the key hash against the derived public key. */
export function parseSignerKey(encoded: string): SignerKey {
  const parts: string[] = [];
  let rest = encoded.trim();
  for (let i = 0; i < 4; i++) {
    const plus = rest.indexOf('+');
    if (plus < 0) throw new SignerKeyError('A signer key has the form PRIVATE+KEY+<name>+<hex key hash>+<base64 key>');
    parts.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  const [private1, private2, name, hashHex] = parts;
  const key = decodeBase64Strict(rest);
  if (private1 !== 'PRIVATE' || private2 !== 'KEY') throw new SignerKeyError('A signer key starts with PRIVATE+KEY+');
  if (!isValidKeyName(name)) throw new SignerKeyError(`Invalid key name ${JSON.stringify(name)}: it must be non-empty, without spaces or "+"`);
  if (!/^[0-9a-f]{8}$/.test(hashHex)) throw new SignerKeyError('The key hash must be 8 lowercase hexadecimal digits');
  if (!key || key.length === 0) throw new SignerKeyError('The key is not valid base64');
  if (key[0] !== ED25519_ALGORITHM)
    throw new SignerKeyError(`Unknown signature algorithm 0x${key[0].toString(16).padStart(2, '0')} (only Ed25519, 0x01, is supported)`);
  if (key.length !== 1 + SEED_SIZE) throw new SignerKeyError(`An Ed25519 seed is ${SEED_SIZE} bytes, not ${key.length - 1}`);
  const { privateKey, publicKey } = fromSeed(key.subarray(1));
  const hash = Number.parseInt(hashHex, 16);
  if (ed25519KeyHash(name, publicKey) !== hash) throw new SignerKeyError(`The key hash ${hashHex} does not match the name and key`);
  return { name, keyHash: hash, privateKey, verifierKey: makeVerifierKey(name, publicKey) };
}

/** Go's note.GenerateKey: a new Ed25519 key as signer and verifier key strings. */
export function generateSignerKey(name: string): { signerKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) throw new SignerKeyError(`Invalid key name ${JSON.stringify(name)}: it must be non-empty, without spaces or "+"`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(ED25519_PKCS8_PREFIX.length);
  const publicKey = rawEd25519PublicKey(privateKey);
  const encodedSeed = Buffer.concat([Buffer.from([ED25519_ALGORITHM]), seed]).toString('base64');
  return {
    signerKey: `PRIVATE+KEY+${name}+${formatKeyHash(ed25519KeyHash(name, publicKey))}+${encodedSeed}`,
    verifierKey: makeVerifierKey(name, publicKey),
  };
}

/**
 * Writes a new signer key to `path`, readable by its owner only (0600), and never over an
 * existing file: losing the old key would orphan every checkpoint auditors have pinned.
 */
export async function generateKeyFile(path: string, name: string): Promise<{ verifierKey: string }> {
  const { signerKey, verifierKey } = generateSignerKey(name);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: link() refuses an existing name, and a reader never
  // sees a half-written key.
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new SignerKeyError(`Refusing to overwrite the existing key file ${path}`);
    throw error;
  } finally {
    await unlink(temporary);
  }
  return { verifierKey };
}

export class CheckpointSigner {
  constructor(
    readonly origin: string,
    private readonly key: SignerKey,
  ) {
    if (!isValidKeyName(origin))
      throw new SignerKeyError(`The origin ${JSON.stringify(origin)} must be non-empty, without spaces or "+" (it is also the key name)`);
    if (key.name !== origin)
      throw new SignerKeyError(`The signing key is named ${JSON.stringify(key.name)}, but the log's origin is ${JSON.stringify(origin)}: they must match`);
  }

  get verifierKey(): string {
    return this.key.verifierKey;
  }

  /** A signed note of `text` (ending in a newline) with the one signature of this log. */
  signNote(text: string): string {
    const signature = sign(null, Buffer.from(text, 'utf8'), this.key.privateKey);
    return formatSignedNote(text, [formatSignatureLine(this.key.name, this.key.keyHash, signature)]);
  }

  /** The signed checkpoint GET /checkpoint serves. */
  signCheckpoint(treeSize: number, rootHash: Uint8Array): string {
    return this.signNote(formatCheckpoint({ origin: this.origin, treeSize, rootHash }));
  }
}

export interface SignerConfig {
  /** The log's name: the checkpoint's origin line and the key's name. */
  origin: string;
  /** The signer key string itself (e.g. from a secret in the environment). */
  key?: string;
  /** Or a file holding it. */
  keyFile?: string;
  /** Create the key file if it does not exist (the embedded development default). */
  generateIfMissing?: boolean;
}

/** The signer from configuration: `key` if given, else `keyFile` (made first if asked and absent). */
export async function loadCheckpointSigner(config: SignerConfig): Promise<CheckpointSigner> {
  if (config.key) return new CheckpointSigner(config.origin, parseSignerKey(config.key));
  if (!config.keyFile) throw new SignerKeyError('No checkpoint signing key is configured (a key or a key file)');
  let text: string;
  try {
    text = await readFile(config.keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !config.generateIfMissing) throw error;
    // Two instances starting together: the one that loses the race reads the winner's key.
    await generateKeyFile(config.keyFile, config.origin).catch((raced: unknown) => {
      if (!(raced instanceof SignerKeyError)) throw raced;
    });
    text = await readFile(config.keyFile, 'utf8');
  }
  return new CheckpointSigner(config.origin, parseSignerKey(text));
}
