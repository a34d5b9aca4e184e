import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { Role, ROLES } from '../roles';
import type { StoredKey } from './stored-api-keys';

/** A key as GET /admin/keys lists it: from API_KEYS (name and role only) or created here. */
export type ListedApiKey = { name: string; role: Role; source: 'environment' } | (StoredKey & { source: 'database' });

/** The answer of POST /admin/keys: the new key with its secret, shown this once. */
export interface CreatedApiKey extends StoredKey {
  key: string;
}

@ApiSchema({ name: 'ApiKey', description: 'A key, never its secret' })
export class ApiKeySchema {
  @ApiProperty({ example: 'osce-desk-1', description: "Written into each event's metadata.actor" })
  name: string;

  @ApiProperty({ enum: ROLES, example: 'verifier' })
  role: Role;

  @ApiProperty({ enum: ['environment', 'database'], description: 'From API_KEYS, or created through this API', example: 'database' })
  source: ListedApiKey['source'];

  @ApiPropertyOptional({ description: 'Keys created through this API only', example: 'ada-admin' })
  createdBy?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Keys created through this API only', example: '2020-10-10T07:30:00Z' })
  createdAt?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Keys created through this API only', example: null })
  revokedAt?: string | null;
}

@ApiSchema({ name: 'ApiKeyList' })
export class ApiKeyListSchema {
  @ApiProperty({ type: [ApiKeySchema] })
  items: ApiKeySchema[];
}

@ApiSchema({ name: 'CreatedApiKey', description: 'The new key with its secret, shown this once' })
export class CreatedApiKeySchema implements CreatedApiKey {
  @ApiProperty({ example: 'osce-desk-1' })
  name: string;

  @ApiProperty({ enum: ROLES, example: 'verifier' })
  role: Role;

  @ApiProperty({ description: 'The admin key that created it', example: 'ada-admin' })
  createdBy: string;

  @ApiProperty({ format: 'date-time', example: '2020-10-10T07:30:00Z' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  revokedAt: string | null;

  @ApiProperty({ example: 'cfm_3q2v…', description: 'The secret: send it as Authorization: Bearer <key>. It is not stored and cannot be shown again' })
  key: string;
}

/** Compile-time: every listed key fits ApiKeySchema. */
const _listedFits = (k: ListedApiKey): ApiKeySchema => k;
void _listedFits;
