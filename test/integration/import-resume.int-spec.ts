/**
 * `npm run import` after a crash: the CLI, run as its own process, is killed (SIGKILL) part-way
 * through a CSV, then run again on the same file. Every row must end up recorded exactly once.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { CSV_COLUMNS } from '../../src/incidents/incident-export.rows';
import { uuidV5 } from '../../src/imports/stable-id';
import { aTruceBody } from '../support/builders';
import { ownerDatabaseUrl, testDatabaseUrl } from '../support/test-database';
import { bearer, createTestApp, TestApp } from '../support/test-app';

const ROWS = 3000;

/** A row of our own incident export, as a spreadsheet would hand it back. */
function csvRow(i: number): Record<(typeof CSV_COLUMNS)[number], string | number> {
  return {
    event_id: `resume-${i}`,
    event_date: `2020-10-${String(11 + (i % 18)).padStart(2, '0')}`,
    time_precision: 'day',
    actor1: i % 2 ? 'AZE' : 'ARM',
    actor2: i % 2 ? 'ARM' : 'AZE',
    reported_by: i % 2 ? 'ARM' : 'AZE',
    location: `Village ${i}`,
    admin1: 'Syunik',
    country_iso3: 'ARM',
    latitude: 39.2,
    longitude: 46.4,
    geo_precision: 'near',
    weapons: 'artillery;drone',
    fatalities: i % 3,
    verification: 'unverified',
    classification: 'breach',
    source: 'AP <https://apnews.com/>; Reuters',
    notes: `Shelling reported near village ${i}.`,
    source_reliability: '',
    source_credibility: '',
  };
}

function runImport(file: string, truceId: string): ChildProcess & { output: Promise<{ code: number | null; signal: string | null; stdout: string }> } {
  const child = spawn(process.execPath, ['test/support/run-ts.js', 'src/cli/import.ts', file, '--truce', truceId, '--chunk', '200', '--quiet'], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), DATABASE_OWNER_URL: ownerDatabaseUrl(), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.resume();
  const output = new Promise<{ code: number | null; signal: string | null; stdout: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout })),
  );
  return Object.assign(child, { output });
}

describe('npm run import: killed part-way and run again (integration)', () => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await createTestApp({ now: '2020-11-01T00:00:00Z' });
    dir = mkdtempSync(join(tmpdir(), 'cfm-import-'));
  });
  afterAll(async () => {
    await t?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records each row exactly once: what the killed run committed is skipped, the rest recorded', async () => {
    const truceId = (await request(t.http()).post('/truces').set(bearer('admin')).send(aTruceBody()).expect(201)).body.truceId;
    const file = join(dir, 'incidents.csv');
    writeFileSync(
      file,
      stringify(
        Array.from({ length: ROWS }, (_, i) => csvRow(i)),
        { header: true, columns: [...CSV_COLUMNS] },
      ),
    );
    const db = t.app.get(DataSource);
    const recorded = async () => Number((await db.query('SELECT count(*) AS n FROM incident_view WHERE truce_id = $1', [truceId]))[0].n);

    // First run: killed as soon as some, but not all, of the rows are in.
    const first = runImport(file, truceId);
    let seen = 0;
    const deadline = Date.now() + 120_000;
    while (seen === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await recorded();
    }
    first.kill('SIGKILL');
    const killed = await first.output;
    expect(killed.signal).toBe('SIGKILL');
    // The fault happened mid-way: part of the file was recorded, not all of it.
    await new Promise((r) => setTimeout(r, 500));
    const afterKill = await recorded();
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(ROWS);

    // Second run of the same file: it finishes, and skips exactly what the first committed.
    const second = await runImport(file, truceId).output;
    expect(second.code).toBe(0);
    const summary = JSON.parse(second.stdout.trim().split('\n').pop()!);
    expect(summary).toEqual({ imported: ROWS - afterKill, skipped: afterKill, failedCount: 0, failed: [] });

    // Each row exactly once: one stream per row, under its stable id, holding one event.
    const streams: { stream_id: string; events: string }[] = await db.query(
      `SELECT stream_id, count(*) AS events FROM events WHERE stream_id LIKE 'incident-%' AND data->>'truceId' = $1 GROUP BY stream_id`,
      [truceId],
    );
    expect(streams).toHaveLength(ROWS);
    expect(streams.every((s) => Number(s.events) === 1)).toBe(true);
    const expected = new Set(Array.from({ length: ROWS }, (_, i) => `incident-${uuidV5(`${truceId}\nid:resume-${i}`)}`));
    expect(new Set(streams.map((s) => s.stream_id))).toEqual(expected);
    expect(await recorded()).toBe(ROWS);

    // The log is still whole: every chain and the digest recompute.
    expect((await request(t.http()).get('/integrity').expect(200)).body).toMatchObject({ ok: true });
  }, 300_000);
});
