import { classifyWindowAgainst } from './classify-window';

const E = Date.parse('2020-10-10T08:00:00Z');
const X = Date.parse('2020-10-18T00:00:00Z');
const w = (from: string, to: string) => ({ from: Date.parse(from), to: Date.parse(to) });

describe('classifyWindowAgainst', () => {
  it.each([
    ['2020-10-10T07:00:00Z', '2020-10-10T08:00:00Z', 'pre_truce'],
    ['2020-10-10T07:30:00Z', '2020-10-10T08:30:00Z', 'ambiguous'],
    ['2020-10-10T08:00:00Z', '2020-10-10T09:00:00Z', 'post_truce'],
    ['2020-10-17T23:30:00Z', '2020-10-18T00:30:00Z', 'ambiguous'],
    ['2020-10-18T00:00:00Z', '2020-10-18T01:00:00Z', 'after_end'],
  ])('[%s, %s) is %s', (from, to, expected) => {
    expect(classifyWindowAgainst(w(from, to), E, X)).toBe(expected);
  });

  it('nothing is after the end of a truce that runs', () => {
    expect(classifyWindowAgainst(w('2030-01-01T00:00:00Z', '2030-01-01T01:00:00Z'), E, null)).toBe('post_truce');
  });
});
