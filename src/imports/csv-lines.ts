import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { ImportLine } from './import-line';
import { checkCsvHeader, incidentCsvCommand } from './incident-csv';

/**
 * The rows of an incident CSV as import commands, parsed as the file streams in. A row the CSV
 * parser cannot read (a stray quote, a wrong number of cells) is reported with its line number and
 * the rows after it still count; a header that is not the export's stops the import before any row.
 */
export async function* csvLines(input: Readable, truceId: string | undefined): AsyncGenerator<ImportLine> {
  const unreadable: ImportLine[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => checkCsvHeader(header),
      info: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
    }),
  );
  parser.on('skip', (error: Error & { lines?: number }) => {
    unreadable.push({ line: error.lines ?? 0, errors: [{ field: '(line)', message: error.message }] });
  });
  input.on('error', (error) => parser.destroy(error));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield* unreadable.splice(0);
    yield { line: info.lines, value: incidentCsvCommand(record, truceId) };
  }
  yield* unreadable.splice(0);
}
