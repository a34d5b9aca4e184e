import { isTimeZone } from './validators';

describe('isTimeZone', () => {
  it('knows IANA zones and UTC, not made-up ones', () => {
    for (const zone of ['Asia/Baku', 'UTC', 'Etc/GMT+4', 'America/Argentina/Buenos_Aires'])
      expect({ zone, known: isTimeZone(zone) }).toEqual({ zone, known: true });
    for (const zone of ['Mars/Olympus_Mons', '+04:00x', '', 'Asia/Baku/', 'x'.repeat(65)])
      expect({ zone, known: isTimeZone(zone) }).toEqual({ zone, known: false });
  });

  it('refuses bare offsets, which newer Intl versions (Node 26) take as zones', () => {
    for (const offset of ['+04:00', '-0300', 'UTC+4', '+04']) expect({ offset, known: isTimeZone(offset) }).toEqual({ offset, known: false });
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 4, { zone: 'UTC' }]) expect(isTimeZone(value)).toBe(false);
  });
});
