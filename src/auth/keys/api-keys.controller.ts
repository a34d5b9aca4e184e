import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '../../common/domain/domain-error';
import { ApiKeyListSchema, CreatedApiKey, CreatedApiKeySchema, ListedApiKey } from './api-key.schema';
import { DESCRIBED_BY_REQUIRE_ROLE, ProblemResponses } from '../../common/http/openapi/problem-responses.decorator';
import { IdempotencyKeyHeader } from '../../common/http/openapi/write-headers.decorator';
import { ApiKeyRegistry } from '../api-key-registry';
import { IdempotentOperations } from '../../write-path/idempotent-operation';
import { WriteContext } from '../../write-path/write-context';
import { Write } from '../../write-path/write-context.decorator';
import { RequireRole } from '../require-role.decorator';
import { CreateApiKeyDto } from './create-api-key.dto';
import { StoredApiKeys } from './stored-api-keys';

/** Keys created by an admin, beside those of API_KEYS (API.md, "Auth"). */
@ApiTags('admin')
@Controller('admin/keys')
export class ApiKeysController {
  constructor(
    private readonly stored: StoredApiKeys,
    private readonly configured: ApiKeyRegistry,
    private readonly idempotent: IdempotentOperations,
  ) {}

  @Post()
  @RequireRole('admin')
  // The secret is in this response only: no cache may keep a copy.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create an API key; its secret is in this response only' })
  @ApiCreatedResponse({ type: CreatedApiKeySchema, description: 'Created; the secret is in `key`, this once' })
  @IdempotencyKeyHeader(
    'A repeat with the same key and body is answered as the first request was, secret included: the secret is kept sealed with a key derived from your Idempotency-Key, which the service does not store',
  )
  @ProblemResponses([400, 401, 403, 409, 413, 422, 429, 503], {
    ...DESCRIBED_BY_REQUIRE_ROLE,
    409: 'A key of that name exists, in API_KEYS or created here (API_KEY.NAME_TAKEN)',
  })
  async create(@Body() body: CreateApiKeyDto, @Write() ctx: WriteContext): Promise<CreatedApiKey> {
    return this.idempotent.run(
      ctx,
      async () => {
        if (this.configured.hasName(body.name)) throw nameTaken(body.name);
        const created = await this.stored.create(body.name, body.role, ctx.actor);
        if (!created) throw nameTaken(body.name);
        return { ...created.key, key: created.secret };
      },
      { secret: 'key' },
    );
  }

  @Get()
  @RequireRole('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The keys: from API_KEYS and created here (never their secrets)' })
  @ApiOkResponse({ type: ApiKeyListSchema, description: 'Every key, never a secret' })
  @ProblemResponses([401, 403, 429], DESCRIBED_BY_REQUIRE_ROLE)
  async list(): Promise<{ items: ListedApiKey[] }> {
    const configured = this.configured.names().map((k) => ({ ...k, source: 'environment' as const }));
    const stored = (await this.stored.list()).map((k) => ({ ...k, source: 'database' as const }));
    return { items: [...configured, ...stored] };
  }

  @Delete(':name')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Revoke a key created here (those of API_KEYS are changed in the environment)' })
  @ApiNoContentResponse({ description: 'Revoked: the key is refused from now on (within seconds on every instance)' })
  @ProblemResponses([401, 403, 404, 429], { ...DESCRIBED_BY_REQUIRE_ROLE, 404: 'No active key of that name was created through the API (API_KEY.NOT_FOUND)' })
  async revoke(@Param('name') name: string): Promise<void> {
    if (!(await this.stored.revoke(name))) {
      throw DomainError.notFound('API_KEY.NOT_FOUND', `No active key named ${name} was created through the API.`);
    }
  }
}

function nameTaken(name: string): DomainError {
  return DomainError.conflict('API_KEY.NAME_TAKEN', `A key named ${name} already exists.`);
}
