/**
 * `openapi.json` at the repository's root is the contract outside clients generate code from,
 * so it is committed — and must never drift from what the code serves at /docs-json. This
 * spec fails when the two differ; `npm run openapi` rewrites the file from the code.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { createTestApp, TestApp } from '../support/test-app';

const FILE = join(__dirname, '..', '..', 'openapi.json');
const UPDATE = process.env.UPDATE_OPENAPI === '1';

/** The file's form: two-space JSON with a final newline, so diffs stay readable. */
const serialise = (doc: unknown) => `${JSON.stringify(doc, null, 2)}\n`;

describe('openapi.json (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.app.close();
  });

  it('equals the document the code serves at /docs-json (npm run openapi rewrites it)', async () => {
    const res = await request(t.http()).get('/docs-json');
    expect(res.status).toBe(200);
    const served = serialise(res.body);
    if (UPDATE) writeFileSync(FILE, served);
    const committed = readFileSync(FILE, 'utf8');
    // Compared as parsed documents first, for a readable diff of what changed…
    expect(JSON.parse(committed)).toEqual(res.body);
    // …then byte for byte, so the file stays in the form `npm run openapi` writes.
    expect(committed).toBe(served);
  });
});
