import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RecordedEvent } from '../event-store/event-store.types';
import type { FoldJob, FoldWorkerMessage } from './fold-worker';
import { StreamRange } from './stream-ordered-fold';

/**
 * Folds the log up to `job.head` in one worker thread per range (fold-worker.ts), each with its
 * own reader and COPY connection, so the folds, JSON parsing and COPY text of several ranges use
 * several cores. Resolves once every worker has committed its rows, with the events of the inline
 * projection's streams the workers sent back (a few truces), in the order each sent them (a stream
 * lies in one range only, so its events stay in order): they are applied afterwards, so that no
 * connection of the rebuild sits idle in a transaction while the workers fold (the service's
 * idle_in_transaction_session_timeout would end it). On the first failure the other workers are
 * stopped — their connections close, so their transactions roll back.
 */
export async function foldInWorkers(job: Omit<FoldJob, 'range'>, ranges: StreamRange[], onFolded: (events: number) => void): Promise<RecordedEvent[][]> {
  const workers: Worker[] = [];
  const others: RecordedEvent[][] = [];
  try {
    await Promise.all(
      ranges.map((range) => {
        const worker = startFoldWorker({ ...job, range });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          let done = false;
          worker.on('message', (message: FoldWorkerMessage) => {
            if ('folded' in message) onFolded(message.folded);
            else if ('others' in message) others.push(message.others);
            else done = true;
          });
          worker.once('error', reject);
          worker.once('exit', (code) => (done ? resolve() : reject(new Error(`A rebuild fold worker stopped (exit code ${code}) before its range was done`))));
        });
      }),
    );
    return others;
  } catch (error) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw error;
  }
}

/**
 * A fold worker: the compiled fold-worker.js beside this module (the service runs from dist/); from
 * the TypeScript sources (Jest, through @swc/jest) the thread compiles them itself the same way,
 * with @swc/core (a dev dependency, present wherever the sources are run), so tests run the
 * threads they test rather than an older build.
 */
function startFoldWorker(job: FoldJob): Worker {
  const compiled = join(__dirname, 'fold-worker.js');
  if (existsSync(compiled)) return new Worker(compiled, { workerData: job, resourceLimits: FOLD_WORKER_LIMITS });
  return new Worker(FROM_TYPESCRIPT, { eval: true, workerData: job, argv: [join(__dirname, 'fold-worker.ts')] });
}

/**
 * A worker holds a page or two of events and rows at a time, yet left to V8's defaults each heap
 * grew until the process passed the 300 MB target (310–317 MB with two on 1M events); capped, two
 * workers peaked at 250 MB in as much time. A stream whose state outgrows the cap fails the
 * rebuild (the worker's out-of-memory error) rather than the service.
 */
const FOLD_WORKER_LIMITS = { maxOldGenerationSizeMb: 64 };

/** A thread's bootstrap that loads `.ts` modules compiled by swc (as jest.config.js does), then the worker. */
const FROM_TYPESCRIPT = `
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
require.extensions['.ts'] = (module, filename) => {
  const options = {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  };
  module._compile(transformSync(readFileSync(filename, 'utf8'), options).code, filename);
};
require(process.argv[2]);
`;
