import { copyField } from './copy-from-stdin';

describe('copyField: a value in COPY text format', () => {
  it('writes null and undefined as NULL, booleans and numbers as their text', () => {
    expect([null, undefined, true, false, 42, 1.5].map(copyField)).toEqual(['\\N', '\\N', 'true', 'false', '42', '1.5']);
  });

  it('escapes the backslash, newline, carriage return and tab of a string', () => {
    expect(copyField('a\\b\nc\rd\te')).toBe('a\\\\b\\nc\\rd\\te');
    expect(copyField('')).toBe('');
  });

  it('writes an object as its JSON, with the escapes JSON itself makes kept for PostgreSQL', () => {
    const state = { note: 'line\nbreak "quoted"', list: [1, null] };
    // JSON.stringify gives {"note":"line\nbreak \"quoted\"",…}: each backslash doubled for COPY.
    expect(copyField(state)).toBe(JSON.stringify(state).replace(/\\/g, '\\\\'));
  });
});
