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

/** How long the keys read from the database are trusted before they are read again (bounds revocation lag). */
const REFRESH_MS = 5_000;

export const digestOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/**
 * Keys an admin created, kept as SHA-256 digests in `api_keys`. Every instance holds the active
 * ones in memory (there are few) and reads them again at most every REFRESH_MS, so checking a key
 * never costs a query per request and a revocation reaches every instance within seconds. While
 * the database cannot be reached, the keys last read keep working.
 */
@Injectable()
export class StoredApiKeys {
  private active = new Map<string, ApiPrincipal>();
  private readAt = 0;
  private reading: Promise<void> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The key's principal; reads the keys again first when they are stale (unless `cachedOnly`). */
  async find(secret: string, options: { cachedOnly?: boolean } = {}): Promise<ApiPrincipal | null> {
    if (!options.cachedOnly && Date.now() - this.readAt > REFRESH_MS) await this.refresh().catch(() => undefined);
    return this.active.get(digestOf(secret)) ?? null;
  }

  private refresh(): Promise<void> {
    this.reading ??= (async () => {
      try {
        const rows: { name: string; role: Role; digest: string }[] = await this.dataSource.query(
          'SELECT name, role, digest FROM api_keys WHERE revoked_at IS NULL',
        );
        this.active = new Map(rows.map((r) => [r.digest, { name: r.name, role: r.role }]));
        this.readAt = Date.now();
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
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
    this.readAt = 0;
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
    this.readAt = 0;
    return rows.length > 0;
  }
}
