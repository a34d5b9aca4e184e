import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsString,
  MaxLength,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A valid ISO 8601 instant with an explicit offset, rewritten as UTC with milliseconds. */
export function normalizeInstant(value: unknown): string | null {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return null;
  const [, y, mo, d, h, mi, s] = ISO_INSTANT.exec(value)!;
  // Date.parse rolls 2020-02-31 over into March: refuse what is not a real calendar instant.
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > daysIn(Number(y), Number(mo))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1 || year > 9999) return null;
  return new Date(ms).toISOString();
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** An instant such as `2020-10-10T08:00:00Z`; stored normalised to UTC. */
export function IsInstant(options?: ValidationOptions) {
  return applyDecorators(
    Transform(({ value }) => normalizeInstant(value) ?? value),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isInstant',
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `${String(propertyName)} must be an ISO 8601 instant with a time zone, e.g. 2020-10-10T08:00:00Z`, ...options },
        validator: { validate: (value: unknown) => typeof value === 'string' && normalizeInstant(value) === value },
      }),
  );
}

/**
 * An IANA zone name starts with a letter (`Asia/Baku`, `Etc/GMT+4`, `UTC`). Newer Intl versions
 * (Node 26) also take bare offsets such as `+04:00` or `-0300` as zones: those are not zones —
 * they have no rules for daylight saving — so they are refused before Intl is asked.
 */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** True for an IANA time zone name that this runtime's Intl knows; never for a bare offset. */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 64 || !IANA_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name such as `Asia/Yerevan`, stored in its canonical spelling. */
export function IsTimeZone(options?: ValidationOptions) {
  return applyDecorators(
    Transform(({ value }) => (isTimeZone(value) ? canonicalTimeZone(value as string) : value)),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isTimeZone',
        target: target.constructor,
        propertyName: propertyName as string,
        options: { message: `${String(propertyName)} must be an IANA time zone, e.g. Asia/Baku`, ...options },
        validator: { validate: isTimeZone },
      }),
  );
}

function canonicalTimeZone(name: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
}

/**
 * An optional field: it may be left out, but not sent as null. (class-validator's IsOptional
 * lets null through every other rule, and a null then reaches the domain as if it were a value.)
 */
export function MayBeOmitted() {
  return ValidateIf((_: object, value: unknown) => value !== undefined);
}

/**
 * Applies decorators as if they were stacked in this order above a property: the last one
 * first. class-validator checks a property's rules in the order they were applied, so with
 * stopAtFirstError a composite written this way reports the same rule as the stacked form.
 */
export function stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return applyDecorators(...decorators.reverse());
}

/** A nested object validated as `type`. IsObject too: ValidateNested alone lets an array through (each of its no elements is valid). */
export function NestedObject(type: () => new () => object) {
  return stacked(IsObject(), ValidateNested(), Type(type));
}

/** A nested object that may be left out (but not sent as null). */
export function OptionalNested(type: new () => object, doc: ApiPropertyOptions = {}) {
  return stacked(
    ApiPropertyOptional({ type, ...doc }),
    MayBeOmitted(),
    NestedObject(() => type),
  );
}

/** One of `values`. */
export function OneOf(values: readonly string[], doc: ApiPropertyOptions = {}) {
  return stacked(ApiProperty({ enum: values, ...doc }), IsIn(values));
}

/** One of `values`, or left out (but not sent as null). */
export function OptionalOneOf(values: readonly string[], doc: ApiPropertyOptions = {}) {
  return stacked(ApiPropertyOptional({ enum: values, ...doc }), MayBeOmitted(), IsIn(values));
}

/** An optional list of values from `values`, no longer than the list of values itself. */
export function OptionalEnumList(values: readonly string[]) {
  return stacked(ApiPropertyOptional({ enum: values, isArray: true }), MayBeOmitted(), IsArray(), ArrayMaxSize(values.length), IsIn(values, { each: true }));
}

/** Required text: a string of 1 to `max` characters. */
export function RequiredText(max: number, doc: ApiPropertyOptions = {}) {
  return stacked(ApiProperty(doc), IsString(), IsNotEmpty(), MaxLength(max));
}

/** Text that may be left out (but not sent as null): a string of at most `max` characters. */
export function OptionalText(max: number, doc: ApiPropertyOptions = {}) {
  return stacked(ApiPropertyOptional(doc), MayBeOmitted(), IsString(), MaxLength(max));
}

/** A rule of its own: `problem` says what is wrong with a value (the message), or null when nothing is. */
export function Satisfies(name: string, problem: (value: unknown, property: string) => string | null) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => problem(value, propertyName) === null,
        defaultMessage: (args?: ValidationArguments) => problem(args?.value, propertyName) ?? `${propertyName} is invalid`,
      },
    });
}
