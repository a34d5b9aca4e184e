// The body cases of transparency-dev/formats' log/checkpoint_test.go, with 32-byte root hashes
// (this verifier reads SHA-256 trees only).
import { CheckpointFormatError, formatCheckpoint, parseCheckpoint } from './checkpoint';

const root = Buffer.alloc(32, 7);
const root64 = root.toString('base64');

describe('checkpoint bodies (c2sp.org/tlog-checkpoint)', () => {
  it('writes origin, decimal size and base64 root, each line ending in a newline', () => {
    expect(formatCheckpoint({ origin: 'Log', treeSize: 123, rootHash: root })).toBe(`Log\n123\n${root64}\n`);
    expect(formatCheckpoint({ origin: 'Log', treeSize: 0, rootHash: root, extensions: ['a b', 'c'] })).toBe(`Log\n0\n${root64}\na b\nc\n`);
  });

  it('reads what it writes, extension lines included', () => {
    const checkpoint = { origin: 'example.com/log42', treeSize: 9944, rootHash: root, extensions: ["Here's some associated data."] };
    expect(parseCheckpoint(formatCheckpoint(checkpoint))).toEqual(checkpoint);
  });

  it.each([
    ['too few lines', 'Head\n9944\n'],
    ['an empty origin', `\n9944\n${root64}\n`],
    ['no newline after the root hash', `Log\n123\n${root64}`],
    ['a size that is not a number', `Log\nbananas\n${root64}\n`],
    ['a negative size', `Log\n-34\n${root64}\n`],
    ['a size beyond 2^53 - 1', `Log\n3438945738945739845734895735\n${root64}\n`],
    ['a size with a leading zero', `Log\n0123\n${root64}\n`],
    ['a size with a plus sign', `Log\n+123\n${root64}\n`],
    ['a root hash that is not base64', "Log\n123\nThisIsn'tBase64\n"],
    ['a root hash that is not 32 bytes', 'Log\n123\nYmFuYW5hcw==\n'],
    ['an empty extension line', `Log\n123\n${root64}\n\n`],
    ['trailing blank lines', `Log\n9944\n${root64}\n\n\n\n`],
    ['a carriage return', `Log\r\n123\n${root64}\n`],
  ])('rejects %s', (_what, text) => {
    expect(() => parseCheckpoint(text)).toThrow(CheckpointFormatError);
  });

  it('refuses to write what it could not read back', () => {
    expect(() => formatCheckpoint({ origin: '', treeSize: 1, rootHash: root })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ origin: 'a\nb', treeSize: 1, rootHash: root })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ origin: 'Log', treeSize: -1, rootHash: root })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ origin: 'Log', treeSize: 1, rootHash: Buffer.alloc(31) })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ origin: 'Log', treeSize: 1, rootHash: root, extensions: [''] })).toThrow(CheckpointFormatError);
  });
});
