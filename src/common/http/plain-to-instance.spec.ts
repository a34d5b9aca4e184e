import fc from 'fast-check';
import * as classTransformer from 'class-transformer';
import { plainToInstance as classTransformerPlainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ReportBreachDto } from '../../incidents/incidents.dto';
import { plainToInstance } from './plain-to-instance';

/** Every DTO of the API (every class with validation rules in a *.dto.ts), loaded as the app loads them. */
function dtoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? dtoFiles(join(dir, entry.name)) : entry.name.endsWith('.dto.ts') ? [join(dir, entry.name)] : [],
  );
}
for (const file of dtoFiles(join(__dirname, '../..'))) require(file); // eslint-disable-line @typescript-eslint/no-require-imports

type Class = new () => object;
const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Class, { propertyName: string }[]> };
const classes = [...storage.validationMetadatas.keys()].filter((target): target is Class => typeof target === 'function');
const propertyNames = [...new Set([...storage.validationMetadatas.values()].flat().map((m) => m.propertyName))];

/** JSON as a client may send it: the DTOs' own property names, and keys that touch the prototype. */
const KEYS = fc.oneof(fc.constantFrom(...propertyNames), fc.constantFrom('constructor', '__proto__', 'toString', 'hasOwnProperty', 'then'), fc.string());
const json: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }).map((v) => JSON.stringify(v)),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc.array(fc.tuple(KEYS, tie('value')), { maxLength: 6 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

/** What a call gives: the value (classes, key order and undefined properties included), or what it throws. */
function outcome(convert: () => unknown): { value: unknown } | { thrown: string } {
  try {
    return { value: convert() };
  } catch (error) {
    return { thrown: String(error) };
  }
}

describe('plainToInstance (the ValidationPipe’s transformer)', () => {
  it('finds the DTOs', () => {
    expect(classes.length).toBeGreaterThan(20);
  });

  it('makes what class-transformer makes, for every DTO and any JSON', () => {
    fc.assert(
      fc.property(fc.constantFrom(...classes), json, (cls, text) => {
        const fast = outcome(() => plainToInstance(cls, JSON.parse(text)));
        const slow = outcome(() => classTransformerPlainToInstance(cls, JSON.parse(text) as object));
        expect(fast).toStrictEqual(slow);
        if ('value' in fast && 'value' in slow) expect(JSON.stringify(fast.value)).toBe(JSON.stringify(slow.value));
      }),
      { numRuns: 3000 },
    );
  });

  it('does not hand a report body to class-transformer, and does hand it an object whose constructor is not Object', () => {
    const spy = jest.spyOn(classTransformer, 'plainToInstance');
    try {
      const report = JSON.parse('{"reportedBy":"ARM","occurredAt":{"from":"2020-01-01T00:00:00Z"},"location":{"name":"x"},"sources":[{"url":"u"}]}');
      expect(plainToInstance(ReportBreachDto, report)).toBeInstanceOf(ReportBreachDto);
      expect(spy).not.toHaveBeenCalled();
      const odd = JSON.parse('{"location":{"constructor":1}}');
      expect(plainToInstance(ReportBreachDto, odd)).toStrictEqual(classTransformerPlainToInstance(ReportBreachDto, odd));
      expect(spy).toHaveBeenCalledTimes(2); // the fallback, and the comparison
    } finally {
      spy.mockRestore();
    }
  });

  it('lowercases respondsTo and makes nested DTOs and numbers as class-transformer does', () => {
    const report = JSON.parse('{"respondsTo":"ABC","sources":[{"url":"x"}],"occurredAt":{"from":"2020"},"limit":"5"}');
    for (const cls of classes) expect(plainToInstance(cls, report)).toStrictEqual(classTransformerPlainToInstance(cls, report));
  });
});
