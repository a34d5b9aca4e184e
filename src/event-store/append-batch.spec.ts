import { OpenedBatch, planBatch, prepareRequests } from './append-batch';
import { AppendRequest, EventMetadata } from './event-store.types';
import { eventHash } from './hash-chain';

const recordedAt = '2026-11-29T20:00:00.000Z';
const metadata: EventMetadata = { actor: 'tester', correlationId: 'c-1', causationId: null };
const request = (streamId: string, expectedVersion: AppendRequest<unknown>['expectedVersion']): AppendRequest<unknown> => ({
  streamId,
  expectedVersion,
  events: [
    { type: 'Opened', schemaVersion: 1, data: { n: 1, at: new Date(recordedAt) } },
    { type: 'Noted', schemaVersion: 1, data: { n: 2 } },
  ],
  metadata,
  result: () => null,
});
const opened = (heads: OpenedBatch['heads']): OpenedBatch => ({ heads, remembered: [], treeSize: 10, frontier: [] });

/** The chain as the plan computed it before hashes were made ahead of the lock. */
function chain(prevHash: string | null, fromVersion: number, r: AppendRequest<unknown>): string[] {
  return r.events.map((event, k) => {
    prevHash = eventHash(prevHash, {
      streamId: r.streamId,
      streamVersion: fromVersion + k,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.parse(JSON.stringify(event.data)),
      metadata,
      recordedAt,
    });
    return prevHash;
  });
}

describe('planBatch with requests prepared before the lock', () => {
  it('uses the hashes made ahead for a stream that is new, and they are the chain from version 1', () => {
    const requests = [request('incident-a', 'no_stream')];
    const prepared = prepareRequests(requests, recordedAt);
    expect(prepared[0]!.newStreamHashes).toEqual(chain(null, 1, requests[0]));
    const plan = planBatch(requests, opened([]), recordedAt, prepared);
    expect(plan.rows.map((r) => r.hash)).toEqual(chain(null, 1, requests[0]));
    expect(plan.rows.map((r) => r.logIndex)).toEqual([10, 11]);
    expect(plan.texts!.map((t) => t.data)).toEqual(requests[0].events.map((e) => JSON.stringify(e.data)));
  });

  it('hashes under the lock when the stream turns out to exist (a version-0 expectation is then refused)', () => {
    const requests = [request('incident-b', 'any'), request('incident-c', 0)];
    const plan = planBatch(
      requests,
      opened([
        { streamId: 'incident-b', version: 2, hash: 'ab' },
        { streamId: 'incident-c', version: 1, hash: 'cd' },
      ]),
      recordedAt,
    );
    expect(plan.rows.map((r) => r.hash)).toEqual(chain('ab', 3, requests[0]));
    expect(plan.outcomes[1]).toMatchObject({ ok: false });
  });

  it('hands on the read-model row made ahead only for a stream that is new, with the events it projects', () => {
    const requests = [request('incident-e', 'no_stream'), request('incident-f', 'no_stream'), request('incident-g', 'any')];
    const seen: string[][] = [];
    const prepared = prepareRequests(requests, recordedAt, (events) => {
      seen.push(events.map((e) => `${e.streamId}@${e.streamVersion}:${e.hash}`));
      return `row of ${events[0].streamId}`;
    });
    // Only a request that expects a new stream is projected ahead, with the hashes planned for it.
    expect(seen).toEqual(['incident-e', 'incident-f'].map((id, k) => chain(null, 1, requests[k]).map((hash, v) => `${id}@${v + 1}:${hash}`)));
    const plan = planBatch(requests, opened([{ streamId: 'incident-f', version: 1, hash: 'ef' }]), recordedAt, prepared);
    expect(plan.outcomes.map((o) => o?.ok ?? 'planned')).toEqual(['planned', false, 'planned']);
    expect(plan.newStreamRows).toEqual(['row of incident-e']);
    expect([...plan.projectedAhead]).toEqual([0, 1]);
  });

  it('leaves a request without a JSON form to the plan, which can still answer it from its idempotency key', () => {
    const odd: AppendRequest<unknown> = {
      ...request('incident-d', 'no_stream'),
      events: [{ type: 'Opened', schemaVersion: 1, data: { n: BigInt(1) } }],
      idempotency: { scope: 'key-1', fingerprint: 'f' },
    };
    const prepared = prepareRequests([odd], recordedAt);
    expect(prepared).toEqual([null]);
    const plan = planBatch([odd], { ...opened([]), remembered: [{ scope: 'key-1', fingerprint: 'f', result: 'done' }] }, recordedAt, prepared);
    expect(plan.outcomes[0]).toEqual({ ok: true, result: 'done', replayed: true });
    expect(() => planBatch([{ ...odd, idempotency: undefined }], opened([]), recordedAt, prepared)).toThrow();
  });
});
