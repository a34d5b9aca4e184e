import { execFile } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS } from '../../src/incidents/incident-export.rows';
import { scriptNodeFlags } from '../support/script-node-flags';

const run = promisify(execFile);

export interface ImportFigures {
  imported: number;
  skipped: number;
  failedCount: number;
  durationMs: number;
  maxRssMb: number;
}

/** A row of the incident export (src/incidents/incident-export.rows.ts), ~0.4 kB, varied as a real dataset is. */
function exportRow(i: number): unknown[] {
  const byAze = i % 2 === 1;
  return [
    `bench-${i}`,
    `2020-10-${String(10 + (i % 20)).padStart(2, '0')}`,
    'day',
    byAze ? 'ARM' : 'AZE',
    byAze ? 'AZE' : 'ARM',
    byAze ? 'AZE' : 'ARM',
    `near settlement ${i % 500}`,
    'Syunik',
    'ARM',
    (39 + (i % 100) / 100).toFixed(2),
    (46 + (i % 100) / 100).toFixed(2),
    'near',
    i % 3 ? 'artillery' : 'artillery;drone',
    i % 4,
    'unverified',
    'breach',
    'Ministry of Defence statement <https://example.org/statement>; AP',
    'Benchmark report modelled on the October 2020 accusations of shelling; not independently verified.',
    // source_reliability, source_credibility: written by the export, not read back by the import.
    '',
    '',
  ];
}

/** Writes `rows` rows of the export's CSV to `file`, streamed (the file may be larger than memory wants). */
async function writeCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (text: string) => new Promise<void>((resolve) => (out.write(text) ? resolve() : out.once('drain', resolve)));
  await write(stringify([[...CSV_COLUMNS]]));
  for (let from = 0; from < rows; from += 5000) {
    await write(stringify(Array.from({ length: Math.min(5000, rows - from) }, (_, k) => exportRow(from + k))));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/**
 * `npm run import` of a CSV of `rows` incidents (the export's columns), in a process of its own
 * (bench/phases/import-child.ts): rows per second of the import itself, and the process's peak RSS.
 */
export async function importBenchmark(url: string, rows: number): Promise<ImportFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'cfm-bench-import-'));
  try {
    const file = join(dir, 'incidents.csv');
    await writeCsv(file, rows);
    const { stdout } = await run(process.execPath, [...scriptNodeFlags('import'), 'dist/bench/phases/import-child.js', file], {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'error' },
      maxBuffer: 16 * 1024 * 1024,
    });
    const figures = JSON.parse(stdout.trim().split('\n').pop()!) as ImportFigures;
    // A bench whose rows are all refused (its CSV no longer the export's shape) measures nothing.
    if (figures.imported !== rows) throw new Error(`The import bench recorded ${figures.imported} of ${rows} rows (${figures.failedCount} refused)`);
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
