/**
 * The assertions every e2e file shares, each with one meaning: a refusal is problem+json, a write
 * is 201 with its position and stream version, and "these requests wrote nothing" is read from the
 * log itself.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

export type Res = request.Response;

/** RFC 9457 problem details with the status the contract names (and the domain code, if given). */
export function expectProblem(res: Res, status: number, code?: string): void {
  expect({ status: res.status, body: res.body }).toEqual(expect.objectContaining({ status }));
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  for (const member of ['type', 'title', 'detail']) {
    expect({ member, value: typeof res.body[member] === 'string' && res.body[member].length > 0 }).toEqual({ member, value: true });
  }
  expect(res.body.status).toBe(status);
  if (code) expect(res.body.code).toBe(code);
}

/** A 400 whose errors[] (each a field and a message) names each of `fields`. */
export function expectFieldError(res: Res, ...fields: string[]): void {
  expectProblem(res, 400);
  expect(Array.isArray(res.body.errors)).toBe(true);
  for (const error of res.body.errors) {
    expect(typeof error.field).toBe('string');
    expect(typeof error.message).toBe('string');
    expect(error.message.length).toBeGreaterThan(0);
  }
  const named = res.body.errors.map((e: { field: string }) => e.field);
  for (const field of fields) expect(named).toContain(field);
}

export interface Written {
  position: number;
  streamVersion: number;
}

/**
 * A write answered 201 with exactly position, streamVersion and `keys`, and ETag "<streamVersion>";
 * at `streamVersion` when given, and later in the log than `after` when given.
 */
export function expectWritten(res: Res, expected: { streamVersion?: number; keys?: string[]; after?: number } = {}): Written {
  expect({ status: res.status, body: res.body }).toEqual(expect.objectContaining({ status: 201 }));
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(res.body).sort()).toEqual(['position', 'streamVersion', ...(expected.keys ?? [])].sort());
  expect(Number.isInteger(res.body.position)).toBe(true);
  expect(res.body.position).toBeGreaterThan(expected.after ?? 0);
  expect(Number.isInteger(res.body.streamVersion)).toBe(true);
  expect(res.headers.etag).toBe(`"${res.body.streamVersion}"`);
  if (expected.streamVersion !== undefined) expect(res.body.streamVersion).toBe(expected.streamVersion);
  return { position: res.body.position, streamVersion: res.body.streamVersion };
}

/** The events of one stream, as GET /streams/{id}/events serves them. */
export async function streamEvents(t: TestApp, streamId: string): Promise<any[]> {
  const res = await request(t.http()).get(`/streams/${streamId}/events`);
  expect(res.status).toBe(200);
  return res.body.items;
}

/** The log's head: the position of the last event committed. */
export async function headPosition(t: TestApp): Promise<number> {
  const rows: { head: string }[] = await t.app.get(DataSource).query('SELECT COALESCE(MAX(position), 0) AS head FROM events');
  return Number(rows[0].head);
}

/**
 * "These requests wrote nothing": while `refuse` ran, no event was appended to the log by a request
 * it made — none under the X-Correlation-Id of one (every request that sets none of its own is
 * tagged while `refuse` runs; `correlationIds` names those it set) — nor to any of `streams`, nor
 * to an incident of a truce among them (reported or not). Events of other writers meanwhile are
 * none of its business.
 */
export async function expectNothingWritten(
  t: TestApp,
  streams: string[],
  refuse: () => Promise<unknown>,
  correlationIds: Iterable<string> = [],
): Promise<void> {
  const head = await headPosition(t);
  const tag = `must-write-nothing-${randomUUID()}`;
  await t.taggingRequests(tag, refuse);
  const truceIds = streams.filter((s) => s.startsWith('truce-')).map((s) => s.slice('truce-'.length));
  const written: unknown[] = await t.app.get(DataSource).query(
    `SELECT position, stream_id, type, metadata->>'correlationId' AS correlation_id FROM events
      WHERE position > $1 AND (metadata->>'correlationId' = ANY($2) OR stream_id = ANY($3) OR data->>'truceId' = ANY($4)
         OR stream_id IN (SELECT 'incident-' || incident_id FROM incident_view WHERE truce_id::text = ANY($4)))
      ORDER BY position`,
    [head, [tag, ...correlationIds], streams, truceIds],
  );
  expect(written).toEqual([]);
}
