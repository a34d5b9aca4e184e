import { HASH_SIZE } from './merkle';
import { decodeBase64Strict, NoteVerification, verifySignedNote, VerifierKey } from './signed-note';

/**
 * The body of a checkpoint (c2sp.org/tlog-checkpoint): the origin (the log's name), the tree
 * size in decimal, the base64 root hash, then optional extension lines; every line non-empty and
 * ending in "\n". It is the text of a signed note.
 */
export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  extensions: string[];
}

export class CheckpointFormatError extends Error {
  override name = 'CheckpointFormatError';
}

function checkLine(what: string, line: string): void {
  if (line.length === 0) throw new CheckpointFormatError(`The ${what} is empty`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f]/.test(line)) throw new CheckpointFormatError(`The ${what} contains a control character`);
}

export function formatCheckpoint(checkpoint: { origin: string; treeSize: number; rootHash: Uint8Array; extensions?: readonly string[] }): string {
  const { origin, treeSize, rootHash, extensions = [] } = checkpoint;
  checkLine('origin', origin);
  extensions.forEach((line) => checkLine('extension line', line));
  if (!Number.isSafeInteger(treeSize) || treeSize < 0) throw new CheckpointFormatError(`Invalid tree size ${treeSize}`);
  if (rootHash.length !== HASH_SIZE) throw new CheckpointFormatError(`A root hash is ${HASH_SIZE} bytes, not ${rootHash.length}`);
  return [origin, String(treeSize), Buffer.from(rootHash).toString('base64'), ...extensions].map((line) => `${line}\n`).join('');
}

/**
 * Parses a checkpoint body. Stricter than the format needs in one way: the root hash must be a
 * SHA-256 hash, since that is the only tree this verifier can check. Sizes beyond 2^53 − 1 are
 * refused rather than rounded.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointFormatError('A checkpoint ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointFormatError('A checkpoint has at least three lines: origin, tree size, root hash');
  const [origin, size, root, ...extensions] = lines;
  checkLine('origin', origin);
  extensions.forEach((line) => checkLine('extension line', line));
  if (!/^(0|[1-9][0-9]*)$/.test(size)) throw new CheckpointFormatError(`The tree size ${JSON.stringify(size)} is not a decimal number without leading zeros`);
  const treeSize = Number(size);
  if (!Number.isSafeInteger(treeSize)) throw new CheckpointFormatError(`The tree size ${size} is too large`);
  const rootHash = decodeBase64Strict(root);
  if (!rootHash || rootHash.length !== HASH_SIZE)
    throw new CheckpointFormatError(`The root hash ${JSON.stringify(root)} is not the base64 of ${HASH_SIZE} bytes`);
  return { origin, treeSize, rootHash, extensions };
}

export type CheckpointVerification =
  | { ok: true; checkpoint: Checkpoint; key: VerifierKey }
  | { ok: false; reason: Exclude<NoteVerification, { ok: true }>['reason'] | 'malformed-checkpoint'; message: string };

/** A signed checkpoint whose signature by `verifierKey` verifies and whose body parses. */
export function verifyCheckpoint(signedNote: string | Uint8Array, verifierKey: string | VerifierKey): CheckpointVerification {
  const opened = verifySignedNote(signedNote, verifierKey);
  if (!opened.ok) return opened;
  try {
    return { ok: true, checkpoint: parseCheckpoint(opened.note.text), key: opened.key };
  } catch (error) {
    return { ok: false, reason: 'malformed-checkpoint', message: (error as Error).message };
  }
}
