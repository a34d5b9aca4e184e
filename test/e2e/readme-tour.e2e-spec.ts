/**
 * The README's tour, replayed as a reader would replay it: the shell of its ```bash blocks, run
 * by bash with curl and jq against the real service on an empty database, must print exactly
 * the output the README shows.
 *
 * The convention (README.md says it too): in the sections named in TOUR_SECTIONS, every ```bash
 * block is run, in order, as one script (so `TRUCE=…` in one block is there in the next). In those
 * blocks a line starting with `# → ` begins, and a line starting with `#   ` continues, the
 * expected output: each is one line of stdout, the text after those four characters. Every
 * other line is shell. `API=http://localhost:3000` is pointed at the service under test.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEV_KEYS } from '../../src/server';
import { createScratchDatabase, ScratchDatabase } from '../support/event-store-fixtures';
import { commandMissing, describeIfAvailable } from '../support/external-tools';
import { createTestApp, TestApp } from '../support/test-app';

const TOUR_SECTIONS = ['## The tour', "## A monitor's day"];
const API_LINE = 'API=http://localhost:3000';
const OUTPUT_START = '# → ';
const OUTPUT_MORE = '#   ';

interface Tour {
  script: string;
  expected: string[];
  blocks: number;
}

/** The tour's shell and expected output, read from the README by the convention above. */
function readTour(markdown: string): Tour {
  const lines = markdown.split('\n');
  const shell: string[] = [];
  const expected: string[] = [];
  let blocks = 0;
  for (const heading of TOUR_SECTIONS) {
    const start = lines.findIndex((line) => line.startsWith(heading));
    if (start < 0) throw new Error(`README.md has no section "${heading}…" (the tour this test replays)`);
    const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
    let inBash = false;
    let found = 0;
    for (const line of lines.slice(start + 1, end < 0 ? undefined : end)) {
      if (!inBash && line.trim() === '```bash') {
        inBash = true;
        found++;
      } else if (inBash && line.trim() === '```') {
        inBash = false;
      } else if (inBash && (line.startsWith(OUTPUT_START) || line.startsWith(OUTPUT_MORE))) {
        expected.push(line.slice(OUTPUT_START.length));
      } else if (inBash) {
        shell.push(line);
      }
    }
    if (found === 0) throw new Error(`README.md's section "${heading}" has no \`\`\`bash block`);
    blocks += found;
  }
  return { script: shell.join('\n'), expected, blocks };
}

function runBash(script: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const missingTool = commandMissing('jq', 'apt-get install jq, or brew install jq; .ci/run installs it') ?? commandMissing('curl', 'apt-get install curl');

describeIfAvailable(missingTool)("README's tour (e2e: replayed with bash, curl and jq)", () => {
  const markdown = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  let scratch: ScratchDatabase;
  let t: TestApp;
  let api: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase('tour');
    t = await createTestApp({
      realClock: true,
      env: {
        DATABASE_URL: scratch.runtimeUrl,
        API_KEYS: `dev-admin:admin:${DEV_KEYS.admin},dev-verifier:verifier:${DEV_KEYS.verifier},dev-reporter:reporter:${DEV_KEYS.reporter}`,
      },
    });
    await t.app.listen(0, '127.0.0.1');
    api = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await t?.app.close();
    await scratch?.drop();
  });

  it('reads the tour: shell to run, and output to expect', () => {
    const tour = readTour(markdown);
    expect(tour.blocks).toBeGreaterThanOrEqual(2);
    expect(tour.script.split('\n')).toContain(API_LINE);
    expect(tour.expected.length).toBeGreaterThan(10);
  });

  it('prints, on an empty database, exactly what the README shows', async () => {
    const tour = readTour(markdown);
    const script = `set -euo pipefail\n${tour.script.replace(API_LINE, `API=${api}`)}\n`;
    const run = await runBash(script, 50_000);
    if (run.code !== 0) throw new Error(`The tour's shell failed (exit ${run.code}).\nstderr:\n${run.stderr}\nstdout so far:\n${run.stdout}`);
    expect(run.stdout.split('\n')).toEqual([...tour.expected, '']);
  }, 60_000);
});
