import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import type { SignedCheckpoint } from './checkpoints';

/**
 * The OpenAPI shapes of the verifiable log. The examples are one real log of three leaves (the
 * event hashes 0x61…, 0x62…, 0x63…, 32 bytes each) signed by the key of ADR 0004, so a reader
 * can check them with any RFC 9162 and signed-note tool.
 */
export const EXAMPLE_ORIGIN = 'ceasefire.example/log';
export const EXAMPLE_VERIFIER_KEY = 'ceasefire.example/log+d67a29fa+AaaKEzfs33TbUYkpSj/XMFFfDfze9NqNVpWMe7x8NE61';
export const EXAMPLE_SIGNED_NOTE =
  'ceasefire.example/log\n3\nmS7irQJ3WXzZM9Ub9vBTGJBE9LbzQ9i2Nx9FsH0zrqw=\n\n' +
  '— ceasefire.example/log 1nop+gxGv2vtqt8q9kmlzbznpTJUlk6rzbE+9gdDLkX9KDN3Kj3xSdjvOy09nb2+xvD4/DHeiobaxoitMLIeUG6boAQ=\n';
const EXAMPLE_ROOT = '992ee2ad0277597cd933d51bf6f053189044f4b6f343d8b6371f45b07d33aeac';
const LEAF_0 = '946f778b2f798fb0a7cfa93c1058ede982cd30dc49672172860e3c02596b2ffc';
const LEAF_1 = 'f2640c10e9a2ebb29c1eebb1d4c91b20a43dd235c9cf66fb90b9c1bb5739560b';
const LEAF_2 = '4f590fdba8865579f7abba575e0e47e4f72ada4efa6d95f991ea8bdf9e619b6e';

const HEX_HASH = '^[0-9a-f]{64}$';

@ApiSchema({ name: 'Checkpoint', description: 'A signed checkpoint of the log: C2SP tlog-checkpoint in a signed note, with its fields' })
export class CheckpointSchema implements SignedCheckpoint {
  @ApiProperty({ example: EXAMPLE_ORIGIN, description: "The log's name (CHECKPOINT_ORIGIN): the note's first line and the signing key's name" })
  origin: string;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3, description: 'Entries the tree covers: the events of logIndex 0 to treeSize − 1' })
  treeSize: number;

  @ApiProperty({ pattern: HEX_HASH, example: EXAMPLE_ROOT, description: 'RFC 9162 Merkle Tree Hash of those entries, in hex (base64 in the signed note)' })
  rootHash: string;

  @ApiProperty({
    example: EXAMPLE_SIGNED_NOTE,
    description: 'Exactly what GET /checkpoint serves: origin, tree size, base64 root hash, a blank line, the Ed25519 signature line',
  })
  signedNote: string;
}

@ApiSchema({ name: 'InclusionProof', description: 'RFC 9162 §2.1.3 inclusion proof of one entry in the tree of treeSize entries' })
export class InclusionProofSchema {
  @ApiProperty({ type: 'integer', minimum: 0, example: 0 })
  logIndex: number;

  @ApiProperty({ type: 'integer', minimum: 1, example: 3 })
  treeSize: number;

  @ApiProperty({ pattern: HEX_HASH, example: LEAF_0, description: "SHA-256(0x00 ‖ the 32 bytes of the event's hash), as the tree committed to it" })
  leafHash: string;

  @ApiProperty({ type: [String], example: [LEAF_1, LEAF_2], description: 'The audit path, deepest sibling first (hex)' })
  path: string[];
}

@ApiSchema({ name: 'ConsistencyProof', description: 'RFC 9162 §2.1.4 proof that the tree of `from` entries is a prefix of the tree of `to` entries' })
export class ConsistencyProofSchema {
  @ApiProperty({ type: 'integer', minimum: 0, example: 2 })
  from: number;

  @ApiProperty({ type: 'integer', minimum: 0, example: 3 })
  to: number;

  @ApiProperty({ type: [String], example: [LEAF_2], description: 'Empty when from is 0 or equals to (hex)' })
  path: string[];
}
