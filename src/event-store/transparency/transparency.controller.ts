import { applyDecorators, BadRequestException, Controller, Get, Query, Res, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ProblemResponses } from '../../common/http/openapi/problem-responses.decorator';
import { ReadProblems } from '../../common/http/openapi/read-endpoint.decorator';
import { RequestValidationError } from '../../common/http/validation';
import { CheckpointService, SignedCheckpoint } from './checkpoints';
import { LogTree } from './log-tree';
import { CheckpointQueryDto, ConsistencyProofQueryDto, InclusionProofQueryDto } from './transparency.dto';
import { CheckpointSchema, ConsistencyProofSchema, EXAMPLE_SIGNED_NOTE, EXAMPLE_VERIFIER_KEY, InclusionProofSchema } from './transparency.schemas';

const TEXT = 'text/plain; charset=utf-8';

/** A proof's reads: 400 also for a tree size the log has not reached. */
function ProofEndpoint(type: Type<unknown>, description: string) {
  return applyDecorators(
    ApiOkResponse({ type, description }),
    ProblemResponses([400, 401, 429, 503], {
      400: 'Bad parameters (REQUEST.INVALID, see `errors`), or a tree size beyond the log (PROOF.BEYOND_LOG)',
      401: 'No valid API key (AUTH.UNAUTHENTICATED); only when the service runs with READ_REQUIRES_KEY=true',
      429: 'Too many failed authentications from this address (AUTH.RATE_LIMITED); only when the service runs with READ_REQUIRES_KEY=true',
    }),
  );
}

export interface InclusionProof {
  logIndex: number;
  treeSize: number;
  leafHash: string;
  path: string[];
}

export interface ConsistencyProof {
  from: number;
  to: number;
  path: string[];
}

/**
 * The log as outsiders verify it (ADR 0004, API.md "Proofs"): signed checkpoints, the key that
 * signs them, and RFC 9162 inclusion and consistency proofs for any tree size the log has
 * reached. Open like every read; a size beyond the log is the caller's mistake (400), not ours.
 */
/** Both Fastify's reply and Express's response can set the content type so. */
interface TypedReply {
  type(contentType: string): unknown;
}

@ApiTags('proofs')
@Controller()
export class TransparencyController {
  constructor(
    private readonly checkpoints: CheckpointService,
    private readonly tree: LogTree,
  ) {}

  @Get('checkpoint')
  @ApiOperation({
    summary: 'The latest signed checkpoint (C2SP tlog-checkpoint in a signed note)',
    description:
      'Origin line, tree size, base64 RFC 9162 root hash over the events’ hashes in logIndex order, a blank line, and the Ed25519 signature line. ' +
      'Verify it with the key of GET /checkpoint/key (pinned out of band), e.g. with `npm run audit`. `?format=json` gives the same with its fields.',
  })
  @ApiProduces('text/plain', 'application/json')
  @ApiExtraModels(CheckpointSchema)
  @ApiOkResponse({
    description: 'The signed note (text/plain), or with ?format=json its fields and the note',
    content: {
      'text/plain': { schema: { type: 'string', example: EXAMPLE_SIGNED_NOTE } },
      'application/json': { schema: { $ref: getSchemaPath(CheckpointSchema) } },
    },
  })
  @ReadProblems({ noPathId: true })
  async checkpoint(@Query() query: CheckpointQueryDto, @Res({ passthrough: true }) res: TypedReply): Promise<SignedCheckpoint | string> {
    const checkpoint = await this.checkpoints.current();
    if (query.format === 'json') return checkpoint;
    res.type(TEXT);
    return checkpoint.signedNote;
  }

  @Get('checkpoint/key')
  @ApiOperation({
    summary: 'The verifier key of the checkpoints (signed-note verifier key string)',
    description:
      '`<origin>+<8 hex digits of key hash>+<base64(0x01 ‖ Ed25519 public key)>`, as Go’s sumdb/note reads it. Compare it with the key the log publishes elsewhere before trusting it.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The verifier key string', content: { 'text/plain': { schema: { type: 'string', example: EXAMPLE_VERIFIER_KEY } } } })
  @ReadProblems({ noPathId: true })
  key(@Res({ passthrough: true }) res: TypedReply): string {
    res.type(TEXT);
    return this.checkpoints.verifierKey;
  }

  @Get('proofs/inclusion')
  @ApiOperation({
    summary: 'RFC 9162 inclusion proof of the event at logIndex in the tree of treeSize entries',
    description:
      'Fold leafHash with path (RFC 9162 §2.1.3.2) and compare with the root hash of the checkpoint of treeSize. leafHash = SHA-256(0x00 ‖ the 32 bytes of the event’s hash).',
  })
  @ProofEndpoint(InclusionProofSchema, 'The leaf hash and its audit path (hex)')
  async inclusion(@Query() query: InclusionProofQueryDto): Promise<InclusionProof> {
    const { logIndex, treeSize } = query;
    if (logIndex >= treeSize) throw new RequestValidationError([{ field: 'logIndex', message: `logIndex must be less than treeSize (${treeSize})` }]);
    await this.withinLog('treeSize', treeSize);
    const [leaf, path] = await Promise.all([this.tree.leafHash(logIndex), this.tree.proofs.inclusionProof(logIndex, treeSize)]);
    if (!leaf) throw new Error(`The tree has no leaf ${logIndex}`);
    return { logIndex, treeSize, leafHash: leaf.toString('hex'), path: path.map((h) => h.toString('hex')) };
  }

  @Get('proofs/consistency')
  @ApiOperation({
    summary: 'RFC 9162 consistency proof between the trees of `from` and `to` entries',
    description:
      'Proves the tree of `from` entries is a prefix of the tree of `to` entries (RFC 9162 §2.1.4.2): nothing the older checkpoint covered was changed, removed or reordered.',
  })
  @ProofEndpoint(ConsistencyProofSchema, 'The consistency proof (hex)')
  async consistency(@Query() query: ConsistencyProofQueryDto): Promise<ConsistencyProof> {
    const { from, to } = query;
    if (from > to) throw new RequestValidationError([{ field: 'from', message: `from must be at most to (${to})` }]);
    await this.withinLog('to', to);
    const path = await this.tree.proofs.consistencyProof(from, to);
    return { from, to, path: path.map((h) => h.toString('hex')) };
  }

  /** API.md: a tree size beyond the log is 400. */
  private async withinLog(field: string, treeSize: number): Promise<void> {
    const size = await this.tree.size();
    if (treeSize > size) {
      throw new BadRequestException({
        code: 'PROOF.BEYOND_LOG',
        message: `${field} ${treeSize} is beyond the log, which has ${size} entries (GET /checkpoint gives the current size).`,
      });
    }
  }
}
