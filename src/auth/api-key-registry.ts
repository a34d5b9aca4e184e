import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { ApiPrincipal, Role } from './roles';

interface KeyEntry extends ApiPrincipal {
  digest: Buffer;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * The keys of API_KEYS (`name:role:secret,…`). Secrets are kept only as SHA-256 digests and
 * compared in constant time.
 */
@Injectable()
export class ApiKeyRegistry {
  private readonly keys: KeyEntry[];

  constructor(config: AppConfig) {
    this.keys = parseApiKeys(config.API_KEYS ?? '');
  }

  hasName(name: string): boolean {
    return this.keys.some((k) => k.name === name);
  }

  names(): ApiPrincipal[] {
    return this.keys.map(({ name, role }) => ({ name, role }));
  }

  find(secret: string): ApiPrincipal | null {
    const digest = sha256(secret);
    const match = this.keys.find((k) => timingSafeEqual(k.digest, digest));
    return match ? { name: match.name, role: match.role } : null;
  }
}

export function parseApiKeys(spec: string): KeyEntry[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, role, ...rest] = part.split(':');
      return { name, role: role as Role, digest: sha256(rest.join(':')) };
    });
}
