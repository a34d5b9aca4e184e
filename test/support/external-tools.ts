/**
 * Some specs need a tool beyond Node and PostgreSQL: a Chromium, jq and curl, a NATS server. On a
 * newcomer's machine a missing one skips those specs with a warning naming what to install, so
 * `npm test` still runs everything else; where REQUIRE_ALL_TESTS=1 (set by .ci/run, which
 * installs them), a missing tool fails the suite instead of skipping it.
 */
import { execFileSync } from 'node:child_process';

/** The reason the tool is missing, or null when it is there. */
export type Missing = string | null;

/** `describe`, or `describe.skip` with a warning when `missing` (unless every test is required). */
export function describeIfAvailable(missing: Missing): jest.Describe {
  if (missing === null) return describe;
  if (process.env.REQUIRE_ALL_TESTS === '1') {
    throw new Error(`REQUIRE_ALL_TESTS=1, but ${missing}`);
  }
  console.warn(`skipped: ${missing}`);
  // eslint-disable-next-line no-restricted-properties -- skipped only where the tool is absent, with the warning above; CI requires it.
  return describe.skip;
}

/** Null when `command` is on PATH, else a reason naming how to get it. */
export function commandMissing(command: string, hint: string): Missing {
  try {
    execFileSync('bash', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return null;
  } catch {
    return `${command} is not on PATH (${hint})`;
  }
}

/** Null when something accepts TCP connections at host:port within two seconds. */
export function tcpMissing(host: string, port: number, what: string): Missing {
  const probe = `require('net').connect(${port}, ${JSON.stringify(host)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1))`;
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 2000 });
    return null;
  } catch {
    return `nothing answers at ${host}:${port} (${what})`;
  }
}
