import { Presets, SingleBar } from 'cli-progress';
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importFileLines } from '../imports/import-file';
import { IncidentImporter } from '../imports/incident-importer';
import { runWithApp } from './run-with-app';

const USAGE = 'usage: npm run import -- <file.csv|file.ndjson> [--truce <truceId>] [--actor <name>] [--chunk <rows>] [--quiet]';

/**
 * `npm run import -- <file>`: records a dataset of incident reports through the domain's rules
 * (src/imports/incident-importer.ts), with a progress bar on stderr and the summary
 * `{ imported, skipped, failedCount, failed: [{ line, errors }] }` as JSON on stdout. Running the
 * same file again — after a crash, or to be sure — records only what is not yet recorded.
 * Exit code: 0 when every row is recorded (now or before), 2 when some rows were refused, 1 when
 * the import could not run.
 */
function parseCommandLine() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      truce: { type: 'string' },
      actor: { type: 'string', default: 'import-cli' },
      chunk: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) {
    console.error(USAGE);
    process.exit(1);
  }
  const chunk = values.chunk === undefined ? undefined : Number(values.chunk);
  if (chunk !== undefined && (!Number.isInteger(chunk) || chunk < 1 || chunk > 10_000)) {
    console.error('--chunk must be an integer from 1 to 10000');
    process.exit(1);
  }
  return { file: positionals[0], truceId: values.truce, actor: values.actor, chunk, quiet: values.quiet };
}

const args = parseCommandLine();

runWithApp(async (app) => {
  const size = statSync(args.file).size;
  const bar = new SingleBar(
    { format: 'import |{bar}| {percentage}% | {imported} recorded, {skipped} skipped, {failed} refused | {rate} rows/s | ETA {eta_formatted}', etaBuffer: 20 },
    Presets.shades_classic,
  );
  let bytes = 0;
  const started = Date.now();
  if (!args.quiet) bar.start(size, 0, { imported: 0, skipped: 0, failed: 0, rate: 0 });
  const lines = importFileLines(args.file, { truceId: args.truceId, onBytes: (read) => (bytes = read) });
  const summary = await app.get(IncidentImporter).run(lines, {
    actor: args.actor,
    correlationId: randomUUID(),
    chunkSize: args.chunk,
    onProgress: (totals, linesRead) => {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      if (!args.quiet)
        bar.update(bytes, { imported: totals.imported, skipped: totals.skipped, failed: totals.failedCount, rate: Math.round(linesRead / seconds) });
    },
  });
  if (!args.quiet) {
    bar.update(size);
    bar.stop();
  }
  process.stdout.write(JSON.stringify(summary) + '\n');
  return summary.failedCount ? 2 : 0;
});
