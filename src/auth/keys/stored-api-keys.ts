import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { ApiPrincipal, Role } from '../roles';

export interface StoredKey {
  name: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** How long a looked-up key is trusted before the database is asked again (bounds revocation lag). */
const CACHE_MS = 5_000;

export const digestOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/**
 * Keys an admin created, kept as SHA-256 digests in `api_keys`. Lookups are cached briefly per
 * instance, so authenticating does not cost a query per request; a revocation reaches every
 * instance within CACHE_MS.
 */
@Injectable()
export class StoredApiKeys {
  private readonly cache = new Map<string, { principal: ApiPrincipal | null; until: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async find(secret: string): Promise<ApiPrincipal | null> {
    const digest = digestOf(secret);
    const cached = this.cache.get(digest);
    if (cached && cached.until > Date.now()) return cached.principal;
    const rows: { name: string; role: Role }[] = await this.dataSource.query(
      'SELECT name, role FROM api_keys WHERE digest = $1 AND revoked_at IS NULL',
      [digest],
    );
    const principal = rows.length ? { name: rows[0].name, role: rows[0].role } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(digest, { principal, until: Date.now() + CACHE_MS });
    return principal;
  }

  /** Creates a key and returns its secret, which is shown this once and never stored. */
  async create(name: string, role: Role, createdBy: string): Promise<{ key: StoredKey; secret: string } | null> {
    const secret = `cfm_${randomBytes(24).toString('base64url')}`;
    const createdAt = this.clock.now().toISOString();
    const inserted = await this.dataSource.query(
      `INSERT INTO api_keys (name, role, digest, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (name) DO NOTHING RETURNING name`,
      [name, role, digestOf(secret), createdBy, createdAt],
    );
    if (!inserted.length) return null;
    return { key: { name, role, createdBy, createdAt, revokedAt: null }, secret };
  }

  async list(): Promise<StoredKey[]> {
    const rows = await this.dataSource.query('SELECT name, role, created_by, created_at, revoked_at FROM api_keys ORDER BY created_at, name');
    return rows.map((r: { name: string; role: Role; created_by: string; created_at: Date; revoked_at: Date | null }) => ({
      name: r.name,
      role: r.role,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
      revokedAt: r.revoked_at?.toISOString() ?? null,
    }));
  }

  /** Revokes a key; false when there is no such (unrevoked) key. */
  async revoke(name: string): Promise<boolean> {
    // Through a CTE, so the driver answers with the rows (for a bare UPDATE it answers [rows, count]).
    const rows = await this.dataSource.query(
      'WITH revoked AS (UPDATE api_keys SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL RETURNING name) SELECT name FROM revoked',
      [name, this.clock.now().toISOString()],
    );
    this.cache.clear();
    return rows.length > 0;
  }
}
