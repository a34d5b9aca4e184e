import { isUtf8 } from 'node:buffer';
import { ImportLine } from './import-line';

const NEWLINE = 0x0a;

/**
 * The lines of an NDJSON stream, parsed one at a time as they arrive: the stream is never held
 * whole, and a line longer than `maxLineBytes` is reported (and skipped) rather than buffered
 * without bound. Blank lines are skipped; a line that is not UTF-8 or not JSON is reported with
 * its number, and the lines after it still count.
 */
export async function* ndjsonLines(input: AsyncIterable<Buffer | string>, maxLineBytes: number): AsyncGenerator<ImportLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tooLong = false;
  let line = 0;
  const finish = (): ImportLine | null => {
    line++;
    const bytes = Buffer.concat(pending);
    pending = [];
    pendingBytes = 0;
    if (tooLong) {
      tooLong = false;
      return { line, errors: [{ field: '(line)', message: `is longer than ${maxLineBytes} bytes` }] };
    }
    return parseLine(line, bytes);
  };
  for await (const chunk of input) {
    let buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let at = buffer.indexOf(NEWLINE); at !== -1; at = buffer.indexOf(NEWLINE)) {
      take(buffer.subarray(0, at));
      const parsed = finish();
      if (parsed) yield parsed;
      buffer = buffer.subarray(at + 1);
    }
    take(buffer);
  }
  if (pendingBytes > 0 || tooLong) {
    const parsed = finish();
    if (parsed) yield parsed;
  }

  function take(part: Buffer): void {
    if (tooLong || !part.length) return;
    if (pendingBytes + part.length > maxLineBytes) {
      tooLong = true;
      pending = [];
      pendingBytes = 0;
      return;
    }
    pending.push(part);
    pendingBytes += part.length;
  }
}

function parseLine(line: number, bytes: Buffer): ImportLine | null {
  if (!isUtf8(bytes)) return { line, errors: [{ field: '(line)', message: 'is not valid UTF-8' }] };
  const text = bytes.toString('utf8').trim();
  if (!text) return null;
  try {
    return { line, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { line, errors: [{ field: '(line)', message: `is not valid JSON (${(error as Error).message})` }] };
  }
}
