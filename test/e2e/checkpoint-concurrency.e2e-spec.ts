/**
 * Checkpoints under load: while 32 writers append, every checkpoint the service signs must be a
 * prefix of every later one — no tree size signed twice with different roots, no checkpoint that
 * a later one does not provably extend. Checked pair by pair with consistency proofs fetched
 * from the service, and the src/verifier library only.
 */
import request from 'supertest';
import { EventStore } from '../../src/event-store/event-store.service';
import { verifyCheckpoint } from '../../src/verifier/checkpoint';
import { verifyConsistency } from '../../src/verifier/merkle';
import { aStreamId, anEvent, metadataFor, returnAppended } from '../support/event-store-fixtures';
import { createTestApp, TEST_CHECKPOINT, TestApp } from '../support/test-app';

const WRITERS = 32;
const APPEND_FOR_MS = 2500;

describe('checkpoints taken while 32 writers append', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.app.close();
  });

  it('are each consistent with every other one, by proofs fetched from the service', async () => {
    const store = t.app.get(EventStore);
    const deadline = Date.now() + APPEND_FOR_MS;
    let appended = 0;
    const writers = Array.from({ length: WRITERS }, async () => {
      const streamId = aStreamId('writer');
      for (let version = 0; Date.now() < deadline; version += 1 + (version % 2)) {
        await store.append({
          streamId,
          expectedVersion: version,
          events: Array.from({ length: 1 + (version % 2) }, (_, k) => anEvent(version + k)),
          metadata: metadataFor(),
          result: returnAppended,
        });
        appended += 1;
      }
    });
    const notes: string[] = [];
    const reader = (async () => {
      while (Date.now() < deadline) notes.push((await request(t.http()).get('/checkpoint').expect(200)).text);
    })();
    await Promise.all([...writers, reader]);

    const checkpoints = notes.map((note) => {
      const verified = verifyCheckpoint(note, TEST_CHECKPOINT.verifierKey);
      if (!verified.ok) throw new Error(verified.message);
      return verified.checkpoint;
    });
    // Taken one after another: never shrinking, one root per size.
    const sizes = checkpoints.map((c) => c.treeSize);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    const distinct = [...new Map(checkpoints.map((c) => [c.treeSize, c])).values()];
    for (const c of checkpoints) expect(c.rootHash.equals(distinct.find((d) => d.treeSize === c.treeSize)!.rootHash)).toBe(true);
    expect(appended).toBeGreaterThan(WRITERS);
    expect(distinct.length).toBeGreaterThanOrEqual(5);

    // Every pair, older to newer (at most 40 checkpoints, spread over the run).
    const sample = distinct.length <= 40 ? distinct : Array.from({ length: 40 }, (_, i) => distinct[Math.round((i * (distinct.length - 1)) / 39)]);
    const failures: string[] = [];
    for (let i = 0; i < sample.length; i++) {
      for (let j = i + 1; j < sample.length; j++) {
        const [older, newer] = [sample[i], sample[j]];
        const proof = (await request(t.http()).get(`/proofs/consistency?from=${older.treeSize}&to=${newer.treeSize}`).expect(200)).body;
        const path = proof.path.map((h: string) => Buffer.from(h, 'hex'));
        if (!verifyConsistency(older.treeSize, newer.treeSize, older.rootHash, newer.rootHash, path)) failures.push(`${older.treeSize} → ${newer.treeSize}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
