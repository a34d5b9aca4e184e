import { audit, AuditResult, AuditTransport } from '../verifier/auditor';
import { AuditStateFile, defaultStatePath } from './audit-state-file';

/**
 * `npm run audit -- <url> [--key <verifier key>] [--state <file>] [--watch <seconds>] [--replay | --no-replay]`
 *
 * Checks that the log at <url> provably extends the last checkpoint this auditor trusted (kept
 * in --state, by default .audit/<origin>.json). Exit status 0 when it does, 1 naming the failure
 * when it does not, 2 for a usage error. A plain HTTP client of the log: no database, no Nest.
 */

const STATE_DIRECTORY = '.audit';

export const USAGE = 'Usage: npm run audit -- <url> [--key <verifier key>] [--state <file>] [--watch <seconds>] [--replay | --no-replay]';

export interface AuditArgs {
  url: string;
  key?: string;
  state?: string;
  watchSeconds?: number;
  replay: 'always' | 'never' | 'auto';
}

export function parseAuditArgs(argv: readonly string[]): AuditArgs {
  const args: Partial<AuditArgs> & { replay: AuditArgs['replay'] } = { replay: 'auto' };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--key') args.key = value(i++, arg);
    else if (arg === '--state') args.state = value(i++, arg);
    else if (arg === '--watch') {
      const seconds = Number(value(i++, arg));
      if (!Number.isFinite(seconds) || seconds <= 0) throw new Error('--watch takes a number of seconds greater than 0');
      args.watchSeconds = seconds;
    } else if (arg === '--replay') args.replay = 'always';
    else if (arg === '--no-replay') args.replay = 'never';
    else if (arg.startsWith('--')) throw new Error(`Unknown option ${arg}`);
    else if (args.url === undefined) args.url = arg;
    else throw new Error(`Unexpected argument ${arg}`);
  }
  if (!args.url) throw new Error('The log URL is missing');
  const url = new URL(args.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('The log URL must be http or https');
  return { ...args, url: args.url.replace(/\/+$/, '') };
}

/** The log's API over HTTP with the global fetch; anything but a 2xx is an error. */
export function httpTransport(baseUrl: string, timeoutMs = 30_000): AuditTransport {
  const get = async (path: string, accept: string): Promise<Response> => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { accept }, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}: ${(await response.text()).slice(0, 300)}`);
    return response;
  };
  return {
    fetchText: async (path) => (await get(path, 'text/plain')).text(),
    fetchJson: async (path): Promise<unknown> => (await get(path, 'application/json')).json(),
  };
}

export function describeResult(result: AuditResult): string {
  if (result.ok) return `OK: ${result.message}`;
  const where = result.firstBadLogIndex === undefined ? '' : ` (first bad logIndex ${result.firstBadLogIndex})`;
  return `FAILED [${result.failure}]${where}: ${result.message}`;
}

async function main(argv: readonly string[]): Promise<number> {
  let args: AuditArgs;
  try {
    args = parseAuditArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const store = args.state
    ? new AuditStateFile(() => args.state!)
    : new AuditStateFile((origin) => defaultStatePath(origin, STATE_DIRECTORY), { url: args.url, directory: STATE_DIRECTORY });
  const transport = httpTransport(args.url);
  let failed = false;
  process.on('SIGINT', () => process.exit(failed ? 1 : 0));
  for (;;) {
    const result = await audit({ transport, store, key: args.key, replay: args.replay });
    const line = describeResult(result);
    const stamp = args.watchSeconds ? `${new Date().toISOString()} ` : '';
    if (result.ok) console.log(`${stamp}${line}`);
    else console.error(`${stamp}${line}`);
    failed ||= !result.ok;
    if (!args.watchSeconds) return result.ok ? 0 : 1;
    await new Promise((resolve) => setTimeout(resolve, args.watchSeconds! * 1000));
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
