import { createReadStream } from 'node:fs';
import { extname } from 'node:path';
import { csvLines } from './csv-lines';
import { ImportLine, MAX_LINE_BYTES } from './import-line';
import { ndjsonLines } from './ndjson-lines';

/**
 * The lines of an import file, by its extension: `.csv` (our incident export's columns; rows
 * are recorded under `truceId` unless the file has a truce_id column) or `.ndjson`/`.jsonl`
 * (one command per line). `onBytes` is told how far into the file the reader is.
 */
export function importFileLines(path: string, options: { truceId?: string; onBytes?: (read: number) => void }): AsyncGenerator<ImportLine> {
  const format = extname(path).toLowerCase();
  const input = createReadStream(path, { highWaterMark: 256 * 1024 });
  let read = 0;
  input.on('data', (chunk) => options.onBytes?.((read += chunk.length)));
  if (format === '.csv') return csvLines(input, options.truceId);
  if (format === '.ndjson' || format === '.jsonl') return ndjsonLines(input, MAX_LINE_BYTES);
  input.destroy();
  throw new Error(`Cannot tell the format of ${path}: name it .csv, .ndjson or .jsonl.`);
}
