import { IsInt, IsString, MaxLength, validateSync } from 'class-validator';
import { memoiseValidationMetadata } from './validation-metadata-cache';

memoiseValidationMetadata();

class Named {
  @IsString()
  name!: unknown;
}

const messages = (value: object) => validateSync(value, { forbidUnknownValues: true }).flatMap((e) => Object.values(e.constraints ?? {}));

describe('memoised validation metadata', () => {
  it('validates with the same rules and messages on every call', () => {
    const first = messages(Object.assign(new Named(), { name: 3 }));
    expect(first).toEqual(['name must be a string']);
    expect(messages(Object.assign(new Named(), { name: 4 }))).toEqual(first);
    expect(messages(Object.assign(new Named(), { name: 'ok' }))).toEqual([]);
  });

  it('sees a rule registered after a lookup was remembered, and inherited rules', () => {
    expect(messages(Object.assign(new Named(), { name: 'x'.repeat(10) }))).toEqual([]);
    class Short extends Named {
      @IsInt()
      count!: unknown;
    }
    MaxLength(5)(Named.prototype, 'name');
    expect(messages(Object.assign(new Named(), { name: 'x'.repeat(10) }))).toEqual(['name must be shorter than or equal to 5 characters']);
    expect(messages(Object.assign(new Short(), { name: 'x'.repeat(10), count: 'a' })).sort()).toEqual([
      'count must be an integer number',
      'name must be shorter than or equal to 5 characters',
    ]);
  });
});
