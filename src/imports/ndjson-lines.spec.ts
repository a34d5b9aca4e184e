import { Readable } from 'node:stream';
import { ImportLine } from './import-line';
import { ndjsonLines } from './ndjson-lines';

async function collect(chunks: (string | Buffer)[], max = 1000): Promise<ImportLine[]> {
  const out: ImportLine[] = [];
  for await (const line of ndjsonLines(Readable.from(chunks), max)) out.push(line);
  return out;
}

describe('ndjsonLines', () => {
  it('parses lines split anywhere across chunks, numbering every line (blank ones too) from 1', async () => {
    const lines = await collect(['{"a":', '1}\n\n{"b"', ':2}\r\n', '{"c":3}']);
    expect(lines).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { b: 2 } },
      { line: 4, value: { c: 3 } },
    ]);
  });

  it('reports a line that is not JSON, or not UTF-8, and goes on with the next', async () => {
    const lines = await collect(['{"a":1}\n{oops\n', Buffer.from([0xff, 0xfe, 0x0a]), '{"b":2}\n']);
    expect(lines).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, errors: [expect.objectContaining({ field: '(line)', message: expect.stringContaining('not valid JSON') })] },
      { line: 3, errors: [{ field: '(line)', message: 'is not valid UTF-8' }] },
      { line: 4, value: { b: 2 } },
    ]);
  });

  it('refuses a line longer than the limit without holding it, and reads the lines after it', async () => {
    const lines = await collect([`{"x":"${'a'.repeat(60)}`, `${'a'.repeat(60)}"}\n`, '{"ok":true}\n'], 100);
    expect(lines).toEqual([
      { line: 1, errors: [{ field: '(line)', message: 'is longer than 100 bytes' }] },
      { line: 2, value: { ok: true } },
    ]);
  });
});
