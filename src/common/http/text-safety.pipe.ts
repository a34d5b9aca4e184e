import { Injectable, PipeTransform } from '@nestjs/common';
import { RequestValidationError } from './validation';

/**
 * PostgreSQL text and jsonb cannot hold U+0000 or unpaired UTF-16 surrogates; a request
 * carrying them would otherwise fail deep in the database as a 500. Refused up front as 400.
 */
@Injectable()
export class TextSafetyPipe implements PipeTransform {
  transform(value: unknown): unknown {
    const bad = findUnsafeText(value, '');
    if (bad !== null) {
      throw new RequestValidationError([{ field: bad || '(body)', message: 'text must not contain NUL characters or unpaired surrogates, and keys must not be __proto__, constructor or prototype' }]);
    }
    return value;
  }
}

/** Keys Nest's ValidationPipe would silently drop (prototype pollution guard): refused instead. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function findUnsafeText(value: unknown, path: string, depth = 0): string | null {
  if (depth > 64) return path;
  if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed() ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], path ? `${path}.${i}` : String(i), depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000') || !key.isWellFormed() || FORBIDDEN_KEYS.has(key)) return childPath;
      const found = findUnsafeText(child, childPath, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}
