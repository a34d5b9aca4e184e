import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit } from '../verifier/auditor';
import { FakeLog } from '../verifier/testing/fake-log';
import { describeResult, httpTransport, parseAuditArgs } from './audit';
import { AuditStateFile, defaultStatePath, stateFileName } from './audit-state-file';

describe('audit command line', () => {
  it('reads its arguments', () => {
    expect(parseAuditArgs(['http://localhost:3000/'])).toEqual({ url: 'http://localhost:3000', replay: 'auto' });
    expect(parseAuditArgs(['--key', 'k+00000000+AQ==', 'https://log.example/api', '--state', 's.json', '--watch', '30', '--no-replay'])).toEqual({
      url: 'https://log.example/api',
      key: 'k+00000000+AQ==',
      state: 's.json',
      watchSeconds: 30,
      replay: 'never',
    });
    expect(parseAuditArgs(['http://x', '--replay']).replay).toBe('always');
    for (const bad of [[], ['--key'], ['http://x', '--watch', '0'], ['http://x', '--frobnicate'], ['http://x', 'http://y'], ['ftp://x'], ['not a url']]) {
      expect(() => parseAuditArgs(bad)).toThrow();
    }
  });

  it('names state files after the origin, safely', () => {
    expect(stateFileName('ceasefire.example/log')).toBe('ceasefire.example_log.json');
    expect(stateFileName('../../etc/passwd')).toBe('__.._etc_passwd.json');
    expect(stateFileName('')).toBe('_.json');
    expect(stateFileName('go.sum database tree')).toBe('go.sum_database_tree.json');
    expect(defaultStatePath('a/b')).toBe(join('.audit', 'a_b.json'));
  });
});

describe('audit over HTTP with a state file', () => {
  let dir: string;
  let server: Server;
  let url: string;
  let log = new FakeLog('ceasefire.test/log').append(6);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-'));
    server = createServer((req, res) => {
      const path = req.url ?? '/';
      const json = path.startsWith('/proofs') || path.startsWith('/events');
      (json ? log.transport.fetchJson(path).then((body) => JSON.stringify(body)) : log.transport.fetchText(path)).then(
        (body) => res.writeHead(200, { 'content-type': json ? 'application/json' : 'text/plain' }).end(body),
        (error: Error) => res.writeHead(Number(error.message.slice(0, 3)) || 500).end(error.message),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('pins on first use, then verifies the extension, keeping the state in one file', async () => {
    const store = new AuditStateFile((origin) => defaultStatePath(origin, dir));
    const transport = httpTransport(url);
    await expect(audit({ transport, store })).resolves.toMatchObject({ ok: true, outcome: 'first-use', treeSize: 6 });
    log.append(3);
    const result = await audit({ transport, store });
    expect(describeResult(result)).toMatch(/^OK: ceasefire.test\/log at size 9 provably extends the checkpoint of size 6/);
    expect(await readdir(dir)).toEqual(['ceasefire.test_log.json']);
    const saved = JSON.parse(await readFile(join(dir, 'ceasefire.test_log.json'), 'utf8'));
    expect(saved).toMatchObject({ origin: 'ceasefire.test/log', treeSize: 9, verifierKey: log.verifierKey });

    await expect(httpTransport(url).fetchText('/nowhere')).rejects.toThrow('HTTP 404');

    // The same URL now serves a log under another name, with a history of its own: without the
    // URL in the state, that would be a fresh first use.
    const byUrl = new AuditStateFile((origin) => defaultStatePath(origin, dir), { url, directory: dir });
    await expect(audit({ transport, store: byUrl })).resolves.toMatchObject({ ok: true, outcome: 'unchanged' });
    const original = log;
    log = new FakeLog('ceasefire.test/renamed').append(20);
    await expect(audit({ transport, store: byUrl })).resolves.toMatchObject({ ok: false, failure: 'origin-mismatch' });
    await expect(
      audit({ transport, store: new AuditStateFile((origin) => defaultStatePath(origin, dir), { url: 'http://elsewhere', directory: dir }) }),
    ).resolves.toMatchObject({ ok: true, outcome: 'first-use' });
    log = original;

    await writeFile(join(dir, 'ceasefire.test_log.json'), '{ torn');
    await expect(audit({ transport, store })).resolves.toMatchObject({ ok: false, failure: 'bad-state' });
  });
});
