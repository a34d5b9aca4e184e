import { Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, RequestValidationError } from './validation';

/**
 * Bounds on the shape of a request body, checked in one cheap walk before anything else looks at
 * it. Every body this API takes fits well inside them (the widest object has a few dozen fields;
 * the longest arrays are zone outlines, of numbers); without them, a body of 60,000 unknown keys
 * under the 1 MB limit kept the event loop busy for seconds in class-transformer and came back
 * as a multi-megabyte list of errors.
 */
export const BODY_SHAPE_LIMITS = { depth: 32, keysPerObject: 100, objects: 5_000, arrayLength: 20_000 };

/** Keys Nest's ValidationPipe would silently drop (prototype pollution guard): refused instead. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * PostgreSQL text and jsonb cannot hold U+0000 or unpaired UTF-16 surrogates; a request carrying
 * them would otherwise fail deep in the database as a 500. Refused up front as 400, together with
 * bodies whose shape is out of all proportion (BODY_SHAPE_LIMITS).
 */
@Injectable()
export class TextSafetyPipe implements PipeTransform {
  transform(value: unknown): unknown {
    const problem = new BodyWalk().check(value, '', 0);
    if (problem) throw new RequestValidationError([problem]);
    return value;
  }
}

class BodyWalk {
  private objects = 0;

  check(value: unknown, path: string, depth: number): FieldError | null {
    const field = path || '(body)';
    if (depth > BODY_SHAPE_LIMITS.depth) return { field, message: `is nested more than ${BODY_SHAPE_LIMITS.depth} levels deep` };
    if (typeof value === 'string') return value.includes('\u0000') || !value.isWellFormed() ? { field, message: UNSAFE_TEXT } : null;
    if (Array.isArray(value)) {
      if (value.length > BODY_SHAPE_LIMITS.arrayLength) return { field, message: `has more than ${BODY_SHAPE_LIMITS.arrayLength} items` };
      for (let i = 0; i < value.length; i++) {
        const found = this.check(value[i], path ? `${path}.${i}` : String(i), depth + 1);
        if (found) return found;
      }
      return null;
    }
    if (!value || typeof value !== 'object') return null;
    if (++this.objects > BODY_SHAPE_LIMITS.objects) return { field: '(body)', message: `holds more than ${BODY_SHAPE_LIMITS.objects} objects` };
    const entries = Object.entries(value);
    if (entries.length > BODY_SHAPE_LIMITS.keysPerObject) return { field, message: `has more than ${BODY_SHAPE_LIMITS.keysPerObject} fields` };
    for (const [key, child] of entries) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000') || !key.isWellFormed() || FORBIDDEN_KEYS.has(key)) return { field: childPath, message: UNSAFE_TEXT };
      const found = this.check(child, childPath, depth + 1);
      if (found) return found;
    }
    return null;
  }
}

const UNSAFE_TEXT = 'text must not contain NUL characters or unpaired surrogates, and keys must not be __proto__, constructor or prototype';
