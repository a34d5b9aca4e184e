import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { TRANSFORMER_PACKAGE } from './plain-to-instance';
import { memoiseValidationMetadata } from './validation-metadata-cache';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The rules that say what a value must *be*, before those that say how much of it there may be:
 * a missing `name` is told it is required, not that it must be shorter than 300 characters, and
 * `?limit=abc` that it must be an integer, not that it must not be greater than 1000.
 */
const FIRST_TO_SAY: readonly string[] = [
  'whitelistValidation',
  'isDefined',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'isInstant',
  'isTimeZone',
  'isUuid',
  'isIn',
  'isEnum',
  'isUrl',
  'matches',
];

function mostTelling(constraints: Record<string, string>): [string, string] {
  const names = Object.keys(constraints);
  const first = FIRST_TO_SAY.find((name) => names.includes(name)) ?? names[0];
  return [first, constraints[first]];
}

/**
 * class-validator's tree, flattened to `occurredAt.from`-style field paths, one message per field:
 * "is required" for a field left out, else the most telling rule it breaks.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own: FieldError[] = [];
    if (error.constraints && Object.keys(error.constraints).length) {
      const [rule, message] = mostTelling(error.constraints);
      own.push({ field, message: error.value === undefined && rule !== 'whitelistValidation' ? `${field} is required` : message });
    }
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super(`The request is invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  }
}

/**
 * Unknown fields are refused rather than silently dropped: a misspelt `accusedParty` must not
 * become a report without one.
 */
export function createValidationPipe(): ValidationPipe {
  memoiseValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // class-transformer's instances without its general executor on every request (plain-to-instance.ts).
    transformerPackage: TRANSFORMER_PACKAGE,
    // Every rule a field breaks is collected, and the most telling one reported (above). The value
    // is kept only to tell a missing field from a wrong one; it never reaches the response.
    stopAtFirstError: false,
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new RequestValidationError(flattenValidationErrors(errors)),
  });
}
