// Classification of an incident relative to the truce's effective instant E (DOMAIN.md,
// "Derived: classification"). Reference case: E = 2020-10-10T08:00Z, "noon (0800 GMT)" in the
// AP report via NewsClick (10 Oct 2020).
import { EFFECTIVE_AT, MINUTE, shift } from '../../../test/support/domain-builders';
import { classify } from './classification';
import { TimeSpec, timeWindow } from './value-objects';

const E = EFFECTIVE_AT; // 2020-10-10T08:00:00.000Z

describe('classify', () => {
  describe('with an explicit window [from, to)', () => {
    it('post_truce when from is exactly E (the window is closed at from)', () => {
      expect(classify({ from: E, to: shift(E, 5 * MINUTE), precision: 'minute' }, E)).toBe('post_truce');
    });

    it('ambiguous when from is 1 ms before E and to is after E', () => {
      expect(classify({ from: shift(E, -1), to: shift(E, 1), precision: 'minute' }, E)).toBe('ambiguous');
    });

    it('pre_truce when to is exactly E (the window is open at to)', () => {
      expect(classify({ from: '2020-10-10T07:00:00.000Z', to: E, precision: 'minute' }, E)).toBe('pre_truce');
    });

    it('ambiguous when to is 1 ms after E', () => {
      expect(classify({ from: '2020-10-10T07:00:00.000Z', to: shift(E, 1), precision: 'minute' }, E)).toBe('ambiguous');
    });

    it('an explicit to overrides the precision unit', () => {
      // Day precision alone would cover the whole of 10 October and straddle E.
      expect(classify({ from: '2020-10-10T00:00:00.000Z', to: E, precision: 'day' }, E)).toBe('pre_truce');
      expect(classify({ from: '2020-10-10T00:00:00.000Z', precision: 'day' }, E)).toBe('ambiguous');
    });

    it('fighting since 27 September is pre_truce, not a breach', () => {
      expect(classify({ from: '2020-09-27T00:00:00.000Z', to: '2020-10-10T07:59:00.000Z', precision: 'day' }, E)).toBe('pre_truce');
    });
  });

  describe('with the implicit window end of the precision unit', () => {
    it('minute precision 07:59 covers [07:59, 08:00): pre_truce', () => {
      expect(classify({ from: '2020-10-10T07:59:00.000Z', precision: 'minute' }, E)).toBe('pre_truce');
    });

    it('minute precision 07:59:30 still ends at 08:00: pre_truce', () => {
      expect(classify({ from: '2020-10-10T07:59:30.000Z', precision: 'minute' }, E)).toBe('pre_truce');
    });

    it('minute precision 08:00 is post_truce', () => {
      expect(classify({ from: E, precision: 'minute' }, E)).toBe('post_truce');
    });

    it('minute precision straddles E when E is not on a minute boundary', () => {
      expect(classify({ from: '2020-10-10T08:00:00.000Z', precision: 'minute' }, '2020-10-10T08:00:30.000Z')).toBe('ambiguous');
    });

    it('hour precision 07:00 covers [07:00, 08:00): pre_truce', () => {
      expect(classify({ from: '2020-10-10T07:00:00.000Z', precision: 'hour' }, E)).toBe('pre_truce');
    });

    // DOMAIN.md: without `to` the window is the whole precision unit that contains `from` — for
    // 07:30 that is [07:00, 08:00), wholly before E = 08:00. (Not [07:30, 08:30), which would be ambiguous.)
    it('hour precision 07:30 ends at 08:00, the end of its hour: pre_truce for E = 08:00', () => {
      expect(timeWindow({ from: '2020-10-10T07:30:00.000Z', precision: 'hour' }).to).toBe(Date.parse(E));
      expect(classify({ from: '2020-10-10T07:30:00.000Z', precision: 'hour' }, E)).toBe('pre_truce');
    });

    it('hour precision 07:30 is ambiguous for an E inside its hour (07:45)', () => {
      expect(classify({ from: '2020-10-10T07:30:00.000Z', precision: 'hour' }, '2020-10-10T07:45:00.000Z')).toBe('ambiguous');
    });

    it('hour precision 08:40 is ambiguous for E = 08:30: the report does not say which minutes of the hour', () => {
      expect(classify({ from: '2020-10-10T08:40:00.000Z', precision: 'hour' }, '2020-10-10T08:30:00.000Z')).toBe('ambiguous');
    });

    it('day precision with a time of day still covers the whole day: 13:45 on 10 October straddles 08:00', () => {
      expect(classify({ from: '2020-10-10T13:45:00.000Z', precision: 'day' }, E)).toBe('ambiguous');
    });

    it('hour precision 08:00 is post_truce', () => {
      expect(classify({ from: E, precision: 'hour' }, E)).toBe('post_truce');
    });

    it('day precision on 10 October covers the whole UTC day and straddles 08:00: ambiguous', () => {
      expect(classify({ from: '2020-10-10T00:00:00.000Z', precision: 'day' }, E)).toBe('ambiguous');
    });

    it('day precision on 9 October ends at midnight: pre_truce', () => {
      expect(classify({ from: '2020-10-09T00:00:00.000Z', precision: 'day' }, E)).toBe('pre_truce');
    });

    it('day precision on 11 October is post_truce', () => {
      expect(classify({ from: '2020-10-11T00:00:00.000Z', precision: 'day' }, E)).toBe('post_truce');
    });

    it('day precision at the boundaries of a truce effective at midnight', () => {
      const midnight = '2020-10-18T00:00:00.000Z';
      expect(classify({ from: '2020-10-17T00:00:00.000Z', precision: 'day' }, midnight)).toBe('pre_truce');
      expect(classify({ from: midnight, precision: 'day' }, midnight)).toBe('post_truce');
    });
  });

  it('TASS reading of E (09:00 UTC) turns a 08:10 report from post_truce into pre_truce', () => {
    const kapan: TimeSpec = { from: '2020-10-10T08:10:00.000Z', precision: 'minute' };

    expect(classify(kapan, E)).toBe('post_truce');
    expect(classify(kapan, '2020-10-10T09:00:00.000Z')).toBe('pre_truce');
  });
});

describe('classify against the end X (the counting collapse or end, or endsAt)', () => {
  const X = '2020-10-11T08:00:00.000Z';

  it('after_end when from is exactly X; post_truce when to is exactly X', () => {
    expect(classify({ from: X, precision: 'minute' }, E, X)).toBe('after_end');
    expect(classify({ from: shift(X, -MINUTE), precision: 'minute' }, E, X)).toBe('post_truce');
  });

  it('ambiguous when the window straddles X by 1 ms', () => {
    expect(classify({ from: shift(X, -1), to: shift(X, 1), precision: 'minute' }, E, X)).toBe('ambiguous');
  });

  it('an hour-precision report in the hour X falls in straddles it: ambiguous', () => {
    expect(classify({ from: '2020-10-11T07:40:00.000Z', precision: 'hour' }, E, '2020-10-11T07:30:00.000Z')).toBe('ambiguous');
  });

  it('a window over both E and X is ambiguous; without X it is judged against E alone', () => {
    expect(classify({ from: '2020-10-09T00:00:00.000Z', to: '2020-10-12T00:00:00.000Z', precision: 'day' }, E, X)).toBe('ambiguous');
    expect(classify({ from: X, precision: 'minute' }, E)).toBe('post_truce');
  });

  it('pre_truce comes first when X is not after E (a collapse recorded before a revised E)', () => {
    expect(classify({ from: '2020-10-10T07:00:00.000Z', precision: 'minute' }, E, '2020-10-10T06:00:00.000Z')).toBe('pre_truce');
  });
});

describe('timeWindow', () => {
  it('minute precision 08:10 is [08:10, 08:11)', () => {
    expect(timeWindow({ from: '2020-10-10T08:10:00.000Z', precision: 'minute' })).toEqual({
      from: Date.parse('2020-10-10T08:10:00.000Z'),
      to: Date.parse('2020-10-10T08:11:00.000Z'),
    });
  });

  it('minute precision starts at the minute, not at the seconds given: 08:10:42 is [08:10, 08:11)', () => {
    expect(timeWindow({ from: '2020-10-10T08:10:42.000Z', precision: 'minute' })).toEqual({
      from: Date.parse('2020-10-10T08:10:00.000Z'),
      to: Date.parse('2020-10-10T08:11:00.000Z'),
    });
  });

  it('hour precision 08:40 is the whole hour [08:00, 09:00)', () => {
    expect(timeWindow({ from: '2020-10-10T08:40:00.000Z', precision: 'hour' })).toEqual({
      from: Date.parse('2020-10-10T08:00:00.000Z'),
      to: Date.parse('2020-10-10T09:00:00.000Z'),
    });
  });

  it('day precision covers the whole UTC day that contains from, whatever its time of day', () => {
    expect(timeWindow({ from: '2020-10-10T13:45:00.000Z', precision: 'day' })).toEqual({
      from: Date.parse('2020-10-10T00:00:00.000Z'),
      to: Date.parse('2020-10-11T00:00:00.000Z'),
    });
  });

  it('an explicit to is taken as is', () => {
    expect(timeWindow({ from: '2020-10-10T08:10:00.000Z', to: '2020-10-10T08:40:00.000Z', precision: 'day' })).toEqual({
      from: Date.parse('2020-10-10T08:10:00.000Z'),
      to: Date.parse('2020-10-10T08:40:00.000Z'),
    });
  });
});
