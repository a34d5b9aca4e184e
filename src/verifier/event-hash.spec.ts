import fc from 'fast-check';
import { canonicalJson as storeCanonicalJson } from '../event-store/canonical-json';
import { eventHash as storeEventHash } from '../event-store/hash-chain';
import { canonicalJson } from './canonical-json';
import { eventHash, recomputeEventHash, ServedEvent } from './event-hash';

const agreed = {
  streamId: 'truce-1',
  streamVersion: 1,
  type: 'TruceAgreed',
  schemaVersion: 1,
  data: { parties: ['A', 'B'], b: 1.5, a: 'é' },
  metadata: { correlationId: 'c', actor: 'k1', causationId: null },
  recordedAt: '2020-10-10T08:00:00.000Z',
};
const suspended = {
  streamId: 'truce-1',
  streamVersion: 2,
  type: 'TruceSuspended',
  schemaVersion: 2,
  // Keys whose UTF-16 order (JCS) differs from code point order, and numbers JCS spells its way.
  data: { '\ufb01': 'ligature', '\u{1f600}': 'smile', n: [1e21, 0.1, -0, -5] },
  metadata: { actor: 'k1', correlationId: 'c', causationId: 'x' },
  recordedAt: '2020-10-10T09:00:00.000Z',
};

describe('event hashes as an outsider recomputes them', () => {
  it('match hashes computed independently (Python hashlib over hand-written JCS)', () => {
    const first = eventHash(null, agreed);
    expect(first).toBe('5a2b8c387fc50ebd3f959e4bd16ebc29e29107e77ef34d54609449b92a38368a');
    expect(eventHash(first, suspended)).toBe('a3bd8fcad37a803cc07184bbd4800d1c952af8cd167073fcfd3f1b5d7cd15313');
    expect(canonicalJson(suspended.data)).toBe('{"n":[1e+21,0.1,0,-5],"\u{1f600}":"smile","\ufb01":"ligature"}');
  });

  it('recompute a served event, which carries its prevHash, and ignore the fields the hash leaves out', () => {
    const served: ServedEvent = { ...suspended, prevHash: eventHash(null, agreed), hash: '', logIndex: 7 };
    expect(recomputeEventHash(served)).toBe('a3bd8fcad37a803cc07184bbd4800d1c952af8cd167073fcfd3f1b5d7cd15313');
    expect(recomputeEventHash({ ...served, logIndex: 8, position: 99 } as ServedEvent)).toBe(recomputeEventHash(served));
  });

  const event = fc.record({
    streamId: fc.string({ maxLength: 40 }),
    streamVersion: fc.integer({ min: 1, max: 1_000_000 }),
    type: fc.string({ maxLength: 30 }),
    schemaVersion: fc.integer({ min: 1, max: 9 }),
    data: fc.jsonValue(),
    metadata: fc.jsonValue(),
    recordedAt: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  });
  const prevHash = fc.option(
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
    { nil: null },
  );

  it('equal the event store’s own hash-chain on random events, before and after a JSON round trip', () => {
    fc.assert(
      fc.property(event, prevHash, fc.string({ unit: 'grapheme', maxLength: 20 }), (e, prev, key) => {
        const stored = storeEventHash(prev, e);
        expect(eventHash(prev, e)).toBe(stored);
        // What GET /events serves went through JSON (and jsonb) on its way.
        const served = JSON.parse(JSON.stringify({ ...e, prevHash: prev, hash: stored, logIndex: 0 })) as ServedEvent;
        expect(recomputeEventHash(served)).toBe(stored);
        const withKey = { [key]: e.data, z: [e.metadata] };
        expect(canonicalJson(withKey)).toBe(storeCanonicalJson(withKey));
      }),
      { numRuns: 500 },
    );
  });
});
