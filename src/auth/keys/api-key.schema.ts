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

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ enum: ['environment', 'database'], description: 'From API_KEYS, or created through this API' })
  source: ListedApiKey['source'];

  @ApiPropertyOptional({ description: 'Keys created through this API only' })
  createdBy?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Keys created through this API only' })
  createdAt?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'Keys created through this API only' })
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

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ description: 'The admin key that created it' })
  createdBy: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;

  @ApiProperty({ example: 'cfm_3q2v…', description: 'The secret: send it as Authorization: Bearer <key>. It is not stored and cannot be shown again' })
  key: string;
}

/** Compile-time: every listed key fits ApiKeySchema. */
const _listedFits = (k: ListedApiKey): ApiKeySchema => k;
void _listedFits;
