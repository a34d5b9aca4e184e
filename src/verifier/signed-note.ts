import { createHash, createPublicKey, KeyObject, verify } from 'node:crypto';

/**
 * Signed notes (c2sp.org/signed-note), as golang.org/x/mod/sumdb/note reads and writes them, with
 * Ed25519 keys only: a text ending in a newline, a blank line, then lines
 * "— <key name> <base64(4-byte key hash ‖ signature)>".
 *
 * A verifier key string is "<name>+<8 hex digits of the key hash>+<base64(0x01 ‖ 32-byte public key)>";
 * the key hash is the first four bytes, big-endian, of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
 */

export const ED25519_ALGORITHM = 0x01;
const ED25519_KEY_SIZE = 32;
const ED25519_SIGNATURE_SIZE = 64;
const SIGNATURE_PREFIX = '\u2014 ';
/** Go's note package refuses more; the spec asks for at least 16. */
const MAX_SIGNATURES = 100;
/** DER prefix of an Ed25519 SubjectPublicKeyInfo, followed by the 32 raw key bytes. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export class NoteFormatError extends Error {
  override name = 'NoteFormatError';
}

export class VerifierKeyError extends Error {
  override name = 'VerifierKeyError';
}

export interface NoteSignature {
  name: string;
  keyHash: number;
  /** The signature proper, without the 4-byte key hash in front. */
  signature: Buffer;
}

export interface SignedNote {
  /** The signed text, final newline included, separating blank line excluded. */
  text: string;
  signatures: NoteSignature[];
}

export interface VerifierKey {
  name: string;
  keyHash: number;
  /** The 32 raw bytes of the Ed25519 public key. */
  publicKey: Buffer;
  /** The verifier key string this was parsed from (or would be written as). */
  encoded: string;
}

/** Non-empty, no Unicode space (as Go's unicode.IsSpace sees it), no "+": the key name rules. */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !/[\p{Z}\t\n\v\f\r\u0085+]/u.test(name) && isWellFormed(name);
}

function isWellFormed(text: string): boolean {
  return !/\p{Cs}/u.test(text);
}

/**
 * Standard base64 with padding, and only its canonical spelling: Node's decoder ignores stray
 * characters and the unused bits of the last character, so a flipped bit could otherwise decode
 * to the same bytes and pass unnoticed.
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** First four bytes, big-endian, of SHA-256(name ‖ "\n" ‖ algorithm byte ‖ public key). */
export function keyHash(name: string, algorithmAndKey: Uint8Array): number {
  return createHash('sha256').update(name, 'utf8').update('\n').update(algorithmAndKey).digest().readUInt32BE(0);
}

export function ed25519KeyHash(name: string, publicKey: Uint8Array): number {
  return keyHash(name, Buffer.concat([Buffer.from([ED25519_ALGORITHM]), publicKey]));
}

export function formatKeyHash(hash: number): string {
  return hash.toString(16).padStart(8, '0');
}

/** The raw 32 bytes of an Ed25519 public key given as bytes or as a node:crypto key. */
export function rawEd25519PublicKey(key: Uint8Array | KeyObject): Buffer {
  if (key instanceof KeyObject) {
    const publicKey = key.type === 'private' ? createPublicKey(key) : key;
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new VerifierKeyError(`Not an Ed25519 key: ${publicKey.asymmetricKeyType}`);
    const der = publicKey.export({ format: 'der', type: 'spki' });
    return der.subarray(der.length - ED25519_KEY_SIZE);
  }
  if (key.length !== ED25519_KEY_SIZE) throw new VerifierKeyError(`An Ed25519 public key is ${ED25519_KEY_SIZE} bytes, not ${key.length}`);
  return Buffer.from(key);
}

/** Go's note.NewEd25519VerifierKey: "<name>+<hex key hash>+<base64(0x01 ‖ public key)>". */
export function makeVerifierKey(name: string, publicKey: Uint8Array | KeyObject): string {
  if (!isValidKeyName(name)) throw new VerifierKeyError(`Invalid key name ${JSON.stringify(name)}: it must be non-empty, without spaces or "+"`);
  const raw = rawEd25519PublicKey(publicKey);
  const algorithmAndKey = Buffer.concat([Buffer.from([ED25519_ALGORITHM]), raw]);
  return `${name}+${formatKeyHash(keyHash(name, algorithmAndKey))}+${algorithmAndKey.toString('base64')}`;
}

/** Go's note.NewVerifier, Ed25519 only. Throws VerifierKeyError naming what is wrong. */
export function parseVerifierKey(encoded: string): VerifierKey {
  const first = encoded.indexOf('+');
  const second = first < 0 ? -1 : encoded.indexOf('+', first + 1);
  if (second < 0) throw new VerifierKeyError('A verifier key has the form <name>+<hex key hash>+<base64 key>');
  const name = encoded.slice(0, first);
  const hashHex = encoded.slice(first + 1, second);
  const key = decodeBase64Strict(encoded.slice(second + 1));
  if (!isValidKeyName(name)) throw new VerifierKeyError(`Invalid key name ${JSON.stringify(name)}`);
  // Lowercase only, as Go writes it: one spelling per key, so pinned keys compare as strings.
  if (!/^[0-9a-f]{8}$/.test(hashHex)) throw new VerifierKeyError('The key hash must be 8 lowercase hexadecimal digits');
  if (!key || key.length === 0) throw new VerifierKeyError('The key is not valid base64');
  const hash = Number.parseInt(hashHex, 16);
  if (keyHash(name, key) !== hash) throw new VerifierKeyError(`The key hash ${hashHex} does not match the name and key`);
  if (key[0] !== ED25519_ALGORITHM)
    throw new VerifierKeyError(`Unknown signature algorithm 0x${key[0].toString(16).padStart(2, '0')} (only Ed25519, 0x01, is supported)`);
  if (key.length !== 1 + ED25519_KEY_SIZE) throw new VerifierKeyError(`An Ed25519 key is ${ED25519_KEY_SIZE} bytes, not ${key.length - 1}`);
  return { name, keyHash: hash, publicKey: key.subarray(1), encoded };
}

function toText(note: string | Uint8Array): string {
  if (typeof note === 'string') {
    if (!isWellFormed(note)) throw new NoteFormatError('The note is not valid UTF-8');
    return note;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(note);
  } catch {
    throw new NoteFormatError('The note is not valid UTF-8');
  }
}

/**
 * Splits a signed note into its text and signature lines, as Go's note.Open does, without
 * verifying anything. Throws NoteFormatError.
 */
export function parseSignedNote(note: string | Uint8Array): SignedNote {
  const message = toText(note);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u0009\u000b-\u001f]/.test(message)) throw new NoteFormatError('The note contains a control character other than newline');
  // The text ends at the last blank line; everything after it must be signature lines.
  const split = message.lastIndexOf('\n\n');
  if (split < 0) throw new NoteFormatError('No blank line separates the text from the signatures');
  const text = message.slice(0, split + 1);
  const block = message.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw new NoteFormatError('The signature lines must follow the blank line, each ending in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteFormatError(`More than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteFormatError(`Not a signature line: ${JSON.stringify(line)}`);
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const bytes = space < 0 ? undefined : decodeBase64Strict(rest.slice(space + 1));
    if (!isValidKeyName(name) || !bytes || bytes.length < 5) throw new NoteFormatError(`Malformed signature line: ${JSON.stringify(line)}`);
    return { name, keyHash: bytes.readUInt32BE(0), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/** "— <name> <base64(key hash ‖ signature)>\n" */
export function formatSignatureLine(name: string, hash: number, signature: Uint8Array): string {
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(hash >>> 0);
  return `${SIGNATURE_PREFIX}${name} ${Buffer.concat([prefix, signature]).toString('base64')}\n`;
}

/** The text, the blank line, the signature lines. */
export function formatSignedNote(text: string, signatureLines: readonly string[]): string {
  if (!text.endsWith('\n')) throw new NoteFormatError('A note text must end with a newline');
  if (signatureLines.length === 0) throw new NoteFormatError('A signed note needs at least one signature');
  return `${text}\n${signatureLines.join('')}`;
}

export function ed25519PublicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export type NoteVerification =
  { ok: true; note: SignedNote; key: VerifierKey } | { ok: false; reason: 'malformed' | 'bad-key' | 'not-signed-by-key' | 'bad-signature'; message: string };

/**
 * Opens a signed note with one trusted key, as the spec requires: signatures by other keys
 * (same name or same hash, but not both) are ignored; every signature by the trusted key must
 * verify; at least one must be there.
 */
export function verifySignedNote(note: string | Uint8Array, verifierKey: string | VerifierKey): NoteVerification {
  let key: VerifierKey;
  try {
    key = typeof verifierKey === 'string' ? parseVerifierKey(verifierKey) : verifierKey;
  } catch (error) {
    return { ok: false, reason: 'bad-key', message: (error as Error).message };
  }
  let parsed: SignedNote;
  try {
    parsed = parseSignedNote(note);
  } catch (error) {
    return { ok: false, reason: 'malformed', message: (error as Error).message };
  }
  const mine = parsed.signatures.filter((s) => s.name === key.name && s.keyHash === key.keyHash);
  const id = `${key.name}+${formatKeyHash(key.keyHash)}`;
  if (mine.length === 0) {
    const others = parsed.signatures.map((s) => `${s.name}+${formatKeyHash(s.keyHash)}`).join(', ');
    return { ok: false, reason: 'not-signed-by-key', message: `The note carries no signature by key ${id} (it is signed by ${others})` };
  }
  let publicKey: KeyObject;
  try {
    publicKey = ed25519PublicKeyObject(key.publicKey);
  } catch (error) {
    return { ok: false, reason: 'bad-key', message: `The public key of ${id} is unusable: ${(error as Error).message}` };
  }
  const text = Buffer.from(parsed.text, 'utf8');
  for (const { signature } of mine) {
    let valid: boolean;
    try {
      valid = signature.length === ED25519_SIGNATURE_SIZE && verify(null, text, publicKey, signature);
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, reason: 'bad-signature', message: `The signature by ${id} does not verify` };
  }
  return { ok: true, note: parsed, key };
}
