import type { Type } from '@nestjs/common';
import { classToPlain, plainToInstance as classTransformerPlainToInstance, TransformationType } from 'class-transformer';

// class-transformer's own metadata and default options: the package exports their types, not them.
/* eslint-disable @typescript-eslint/no-require-imports */
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');
const { defaultOptions } =
  require('class-transformer/cjs/constants/default-options.constant') as typeof import('class-transformer/types/constants/default-options.constant');
/* eslint-enable @typescript-eslint/no-require-imports */

type Class = new () => object;

/** Types class-transformer builds in ways of their own (and a JSON body never needs). */
const UNSUPPORTED_TYPES = new Set<unknown>([Date, Buffer, Map, Set]);

/** What the fast path does not reproduce: the value goes to class-transformer itself, whole. */
class NotPlain extends Error {}

const COERCED = new Map<unknown, (value: unknown) => unknown>([
  [String, String],
  [Number, Number],
  [Boolean, Boolean],
]);

/**
 * class-transformer's plainToInstance for a request body or query (JSON values) and DTOs whose
 * only class-transformer decorators are @Type (a class, String, Number or Boolean) and @Transform
 * without options. It reads the same decorators from class-transformer's own metadata and makes
 * the same instance — the same keys in the same order, the same coercions, the same transforms,
 * the keys it skips skipped — without its general executor, which weighs on every request.
 * Anything else (expose/exclude rules, discriminators, Map/Set/Date types, an object whose
 * `constructor` is not Object, transform options) is left to class-transformer, for the whole value.
 */
export function plainToInstance(cls: Class, plain: unknown, options?: object): unknown {
  if (options && Object.keys(options).length) return classTransformerPlainToInstance(cls, plain, options);
  try {
    return convert(plain, cls);
  } catch (error) {
    if (!(error instanceof NotPlain)) throw error;
    return classTransformerPlainToInstance(cls, plain);
  }
}

/** ValidationPipe's `transformerPackage`: the above, and class-transformer's classToPlain. */
export const TRANSFORMER_PACKAGE = { plainToInstance: plainToInstance as <T>(cls: Type<T>, plain: unknown, options?: object) => T | T[], classToPlain };

function convert(value: unknown, type: unknown): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => convert(item, type));
  const coerce = COERCED.get(type);
  if (coerce) return value === null || value === undefined ? value : coerce(value);
  if (UNSUPPORTED_TYPES.has(type)) throw new NotPlain();
  if (value === null || typeof value !== 'object') return value;
  if (type !== undefined && typeof type !== 'function') throw new NotPlain();
  if (Object.getPrototypeOf(value) !== Object.prototype || (value as { constructor?: unknown }).constructor !== Object) throw new NotPlain();
  const instance: Record<string, unknown> = type ? (new (type as Class)() as Record<string, unknown>) : {};
  const prototype = Object.getPrototypeOf(instance) as object;
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor') continue;
    const source = value as Record<string, unknown>;
    // class-transformer leaves out what would overwrite a method or a getter of the instance.
    const descriptor = Object.getOwnPropertyDescriptor(prototype, key);
    if ((descriptor && !descriptor.set) || instance[key] instanceof Function) continue;
    const rule = type ? ruleOf(type as Class, key) : null;
    let result = convert(source[key], rule?.type ? rule.type({ newObject: instance, object: source, property: key }) : undefined);
    for (const transform of rule?.transforms ?? []) {
      result = transform({ value: result, key, obj: source, type: TransformationType.PLAIN_TO_CLASS, options: defaultOptions });
    }
    instance[key] = result;
  }
  return instance;
}

interface PropertyRule {
  type?: (options: { newObject: unknown; object: Record<string, unknown>; property: string }) => unknown;
  transforms: ((params: object) => unknown)[];
}

/** Per class and property, its @Type and @Transform as class-transformer finds them (ancestors included), looked up once. */
const rules = new Map<Class, Map<string, PropertyRule>>();

function ruleOf(cls: Class, property: string): PropertyRule {
  let byProperty = rules.get(cls);
  if (!byProperty) {
    const storage = defaultMetadataStorage;
    if (storage.getStrategy(cls) !== 'none' || storage.getExposedMetadatas(cls).length || storage.getExcludedMetadatas(cls).length) throw new NotPlain();
    rules.set(cls, (byProperty = new Map()));
  }
  let rule = byProperty.get(property);
  if (!rule) byProperty.set(property, (rule = readRule(cls, property)));
  return rule;
}

function readRule(cls: Class, property: string): PropertyRule {
  const typed = defaultMetadataStorage.findTypeMetadata(cls, property);
  if (typed && (typed.options?.discriminator || UNSUPPORTED_TYPES.has(typed.reflectedType))) throw new NotPlain();
  const transforms = defaultMetadataStorage
    .findTransformMetadatas(cls, property, TransformationType.PLAIN_TO_CLASS)
    // Without groups asked for, class-transformer applies only the transforms that name none.
    .filter((m) => !m.options?.groups?.length)
    .map((m) => m.transformFn as (params: object) => unknown);
  if (!typed) return { transforms };
  return { type: typed.typeFunction ? (options) => typed.typeFunction(options) : () => typed.reflectedType as unknown, transforms };
}
