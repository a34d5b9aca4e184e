// Compiles src/, migrations/ and bench/ into dist/ with the project's TypeScript (tsconfig.build.json),
// only when something changed since the last build: `npm start` answers at once the second time.
// Files are overwritten in place, never deleted first, so a running service is not pulled from
// under itself by `npm run demo` or `npm run verify` building meanwhile.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist', '.built');
// (bench/ also compiles test/support/streaming-replica.ts, which it imports.)
const inputs = ['src', 'migrations', 'bench', 'test/support/streaming-replica.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const force = process.argv.includes('--force');
const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (force || inputs.some((input) => newest(join(root, input)) > builtAt)) {
  const started = Date.now();
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  // tsc copies no other files: the status page's HTML, script and style go beside its compiled controller.
  cpSync(join(root, 'src', 'status-page', 'assets'), join(root, 'dist', 'src', 'status-page', 'assets'), { recursive: true });
  writeFileSync(stamp, new Date().toISOString() + '\n');
  console.error(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
