import { audit, AuditOptions } from './auditor';
import { FakeLog, MemoryStateStore } from './testing/fake-log';

const at = new Date('2026-01-01T00:00:00Z');
const run = (log: FakeLog, store: MemoryStateStore, options: Partial<AuditOptions> = {}) =>
  audit({ transport: log.transport, store, now: () => at, ...options });

describe('the auditor', () => {
  it('on first use pins the key the log serves and the checkpoint it signed', async () => {
    const log = new FakeLog().append(10);
    const store = new MemoryStateStore();
    const result = await run(log, store);
    expect(result).toMatchObject({ ok: true, outcome: 'first-use', treeSize: 10, verifierKey: log.verifierKey, replayed: true });
    expect(store.state).toEqual({
      origin: 'ceasefire.example/log',
      verifierKey: log.verifierKey,
      treeSize: 10,
      rootHash: result.ok ? result.rootHash : '',
      signedNote: log.signedCheckpoint(),
      verifiedAt: at.toISOString(),
    });
    expect(log.requests).toContain('/checkpoint/key');
  });

  it('pins the key it is given instead, and refuses a checkpoint that key did not sign', async () => {
    const log = new FakeLog().append(3);
    const given = new MemoryStateStore();
    await expect(run(log, given, { key: log.verifierKey })).resolves.toMatchObject({ ok: true, outcome: 'first-use' });
    expect(log.requests).not.toContain('/checkpoint/key');

    const impostor = FakeLog.newKey(log.origin).verifierKey;
    const result = await run(log, new MemoryStateStore(), { key: impostor });
    expect(result).toMatchObject({ ok: false, failure: 'bad-signature' });
    expect(result.message).toContain(`signature does not verify against the pinned key ${impostor}`);
  });

  it('accepts a log that provably extends the checkpoint it trusted, and moves on to it', async () => {
    const log = new FakeLog().append(5);
    const store = new MemoryStateStore();
    await run(log, store);
    for (const more of [1, 6, 20, 1]) {
      const before = log.events.length;
      log.append(more);
      const result = await run(log, store);
      expect(result).toMatchObject({ ok: true, outcome: 'extended', previousSize: before, treeSize: before + more });
      expect(result.message).toContain(`provably extends the checkpoint of size ${before}`);
      expect(store.state?.treeSize).toBe(before + more);
    }
    expect(log.requests).toContain('/proofs/consistency?from=32&to=33');
  });

  it('accepts the same size with the same root, and an empty log growing', async () => {
    const log = new FakeLog();
    const store = new MemoryStateStore();
    await expect(run(log, store)).resolves.toMatchObject({ ok: true, outcome: 'first-use', treeSize: 0 });
    await expect(run(log, store)).resolves.toMatchObject({ ok: true, outcome: 'unchanged', treeSize: 0 });
    log.append(4);
    await expect(run(log, store)).resolves.toMatchObject({ ok: true, outcome: 'extended', treeSize: 4 });
    await expect(run(log, store)).resolves.toMatchObject({ ok: true, outcome: 'unchanged', treeSize: 4 });
  });

  it('fails when the log signs another root at the size it trusted', async () => {
    const log = new FakeLog().append(8);
    const store = new MemoryStateStore();
    await run(log, store);
    log.rewrite(2, { casualties: 0 }, { recommitTree: true });
    const result = await run(log, store);
    expect(result).toMatchObject({ ok: false, failure: 'fork', trustedSize: 8, seenSize: 8 });
    expect(result.message).toContain('different root at size 8');
    expect(store.state?.signedNote).not.toBe(log.signedCheckpoint());
  });

  it('fails when the log shrank', async () => {
    const log = new FakeLog().append(8);
    const store = new MemoryStateStore();
    await run(log, store);
    log.checkpointSize = 6;
    const result = await run(log, store);
    expect(result).toMatchObject({ ok: false, failure: 'shrank', trustedSize: 8, seenSize: 6 });
    expect(result.message).toContain('The log shrank from 8 to 6');
  });

  it('fails when the larger tree rewrote what it trusted', async () => {
    const log = new FakeLog().append(8);
    const store = new MemoryStateStore();
    await run(log, store);
    log.rewrite(2, { casualties: 0 }, { recommitTree: true });
    log.append(5);
    const result = await run(log, store);
    expect(result).toMatchObject({ ok: false, failure: 'inconsistent', trustedSize: 8, seenSize: 13 });
    expect(result.message).toContain('not consistent with the checkpoint of size 8 you trusted');
    expect(store.state?.treeSize).toBe(8);
  });

  it('fails on a bad signature: a new key, or a checkpoint altered after signing', async () => {
    const log = new FakeLog().append(4);
    const store = new MemoryStateStore();
    await run(log, store);
    log.append(1);
    log.rotateKey();
    const rotated = await run(log, store);
    expect(rotated).toMatchObject({ ok: false, failure: 'bad-signature' });
    expect(rotated.message).toContain('signature does not verify against the pinned key');

    const honest = new FakeLog().append(4);
    const pinned = new MemoryStateStore();
    await run(honest, pinned);
    const altered = { ...honest.transport, fetchText: async (path: string) => (await honest.transport.fetchText(path)).replace('\n4\n', '\n5\n') };
    await expect(audit({ transport: altered, store: pinned })).resolves.toMatchObject({ ok: false, failure: 'bad-signature' });
  });

  it('refuses a key that differs from the one it pinned, and a saved state that was edited', async () => {
    const log = new FakeLog().append(4);
    const store = new MemoryStateStore();
    await run(log, store);
    const other = FakeLog.newKey(log.origin).verifierKey;
    await expect(run(log, store, { key: other })).resolves.toMatchObject({ ok: false, failure: 'key-mismatch' });
    await expect(run(log, store, { key: log.verifierKey })).resolves.toMatchObject({ ok: true });

    const valid = store.state!;
    for (const edited of [{ treeSize: 2 }, { rootHash: '00'.repeat(32) }, { origin: 'elsewhere.example/log' }, { verifierKey: other }, { signedNote: 'x' }]) {
      store.saved = JSON.stringify({ ...valid, ...edited });
      await expect(run(log, store)).resolves.toMatchObject({ ok: false, failure: 'bad-state' });
    }
    store.saved = '[]';
    await expect(run(log, store)).resolves.toMatchObject({ ok: false, failure: 'bad-state' });
  });

  it('names the first logIndex of an event a superuser rewrote, chain recomputed and all', async () => {
    const log = new FakeLog().append(40);
    const store = new MemoryStateStore();
    await run(log, store);
    log.rewrite(17, { casualties: 0, place: 'nowhere' });
    const result = await run(log, store);
    expect(result).toMatchObject({ ok: false, failure: 'entries-mismatch', firstBadLogIndex: 17 });
    expect(result.message).toContain('first bad logIndex 17');
    // Found by bisection: a handful of consistency proofs, not one per entry.
    expect(log.requests.filter((p) => p.startsWith('/proofs/consistency')).length).toBeLessThanOrEqual(8);
  });

  it('names the first logIndex of an event rewritten without its hash, and of one deleted', async () => {
    const stale = new FakeLog().append(12);
    const staleStore = new MemoryStateStore();
    await run(stale, staleStore);
    stale.rewrite(9, { casualties: 1000 }, { rechain: false });
    const unhashed = await run(stale, staleStore);
    expect(unhashed).toMatchObject({ ok: false, failure: 'entries-mismatch', firstBadLogIndex: 9 });
    expect(unhashed.message).toContain('does not hash to its recorded hash');

    const cut = new FakeLog().append(12);
    const cutStore = new MemoryStateStore();
    await run(cut, cutStore);
    cut.remove(4);
    await expect(run(cut, cutStore)).resolves.toMatchObject({ ok: false, failure: 'entries-mismatch', firstBadLogIndex: 4 });
  });

  it('replays only when asked, or for logs up to the replay limit', async () => {
    const log = new FakeLog().append(30);
    await expect(run(log, new MemoryStateStore(), { replay: 'never' })).resolves.toMatchObject({ ok: true, replayed: false });
    await expect(run(log, new MemoryStateStore(), { replayLimit: 29 })).resolves.toMatchObject({ ok: true, replayed: false });
    await expect(run(log, new MemoryStateStore(), { replayLimit: 30 })).resolves.toMatchObject({ ok: true, replayed: true });
    log.rewrite(3, { casualties: 0 });
    await expect(run(log, new MemoryStateStore(), { replay: 'never' })).resolves.toMatchObject({ ok: true });
    await expect(run(log, new MemoryStateStore(), { replay: 'always', replayLimit: 1 })).resolves.toMatchObject({ ok: false, firstBadLogIndex: 3 });
  });

  it('reports a log it cannot reach, or that does not serve a checkpoint', async () => {
    const down = { fetchText: () => Promise.reject(new Error('ECONNREFUSED')), fetchJson: () => Promise.reject(new Error('ECONNREFUSED')) };
    await expect(audit({ transport: down, store: new MemoryStateStore() })).resolves.toMatchObject({
      ok: false,
      failure: 'unreachable',
      message: expect.stringContaining('ECONNREFUSED'),
    });
    const garbage = { fetchText: async () => '<html>hello</html>', fetchJson: async () => ({}) };
    await expect(audit({ transport: garbage, store: new MemoryStateStore() })).resolves.toMatchObject({ ok: false, failure: 'malformed-checkpoint' });
  });
});
