import { verifyCheckpoint } from '../../verifier/checkpoint';
import { leafHash, nodeHash, verifyConsistency, verifyInclusion } from '../../verifier/merkle';
import { CheckpointSchema, ConsistencyProofSchema, EXAMPLE_SIGNED_NOTE, EXAMPLE_VERIFIER_KEY, InclusionProofSchema } from './transparency.schemas';

/** The examples /docs shows are one real, verifiable log: a reader who checks them succeeds. */
describe('the OpenAPI examples of the verifiable log', () => {
  const example = (schema: object, property: string): any =>
    (Reflect.getMetadata('swagger/apiModelProperties', (schema as { prototype: object }).prototype, property) as { example: unknown }).example;

  it('the example checkpoint verifies against the example key, and its fields are the note’s', () => {
    const verified = verifyCheckpoint(EXAMPLE_SIGNED_NOTE, EXAMPLE_VERIFIER_KEY);
    if (!verified.ok) throw new Error(verified.message);
    expect(example(CheckpointSchema, 'signedNote')).toBe(EXAMPLE_SIGNED_NOTE);
    expect(example(CheckpointSchema, 'treeSize')).toBe(verified.checkpoint.treeSize);
    expect(example(CheckpointSchema, 'rootHash')).toBe(verified.checkpoint.rootHash.toString('hex'));
    expect(example(CheckpointSchema, 'origin')).toBe(verified.checkpoint.origin);
  });

  it('the example proofs verify against it', () => {
    const root = Buffer.from(example(CheckpointSchema, 'rootHash'), 'hex');
    const leaves = [0x61, 0x62, 0x63].map((byte) => leafHash(Buffer.alloc(32, byte)));
    const hex = (list: string[]) => list.map((h) => Buffer.from(h, 'hex'));

    expect(example(InclusionProofSchema, 'leafHash')).toBe(leaves[0].toString('hex'));
    expect(
      verifyInclusion(
        example(InclusionProofSchema, 'logIndex'),
        example(InclusionProofSchema, 'treeSize'),
        leaves[0],
        hex(example(InclusionProofSchema, 'path')),
        root,
      ),
    ).toBe(true);

    const [from, to] = [example(ConsistencyProofSchema, 'from'), example(ConsistencyProofSchema, 'to')];
    expect(verifyConsistency(from, to, nodeHash(leaves[0], leaves[1]), root, hex(example(ConsistencyProofSchema, 'path')))).toBe(true);
  });
});
