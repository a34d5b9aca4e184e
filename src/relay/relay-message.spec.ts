import { payloadOf, positionOf, subjectFor, subjectsOf } from './relay-message';

describe('relay messages', () => {
  it('puts each event type on a subject of its own, one token, under the prefix', () => {
    expect(subjectFor('ceasefire', 'BreachReported')).toBe('ceasefire.events.BreachReported');
    expect(subjectFor('org.ceasefire', 'a.b*c>d e')).toBe('org.ceasefire.events.a_b_c_d_e');
    expect(subjectsOf('ceasefire')).toBe('ceasefire.events.>');
  });

  it('reads back only the message ids the relay writes: positive integer positions', () => {
    expect(positionOf('42')).toBe(42);
    for (const id of [undefined, '', '0', '-1', '4.2', '042', 'abc', '99999999999999999999']) expect(positionOf(id)).toBeNull();
  });

  it('carries the event as JSON, unchanged', () => {
    const event = {
      position: 7,
      logIndex: 6,
      streamId: 's',
      streamVersion: 1,
      type: 'T',
      schemaVersion: 1,
      data: { n: 1 },
      metadata: { actor: 'a', correlationId: 'c', causationId: null },
      recordedAt: '2020-01-01T00:00:00.000Z',
      hash: 'h',
      prevHash: null,
    };
    expect(JSON.parse(new TextDecoder().decode(payloadOf(event)))).toEqual(event);
  });
});
