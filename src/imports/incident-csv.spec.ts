import { CSV_COLUMNS } from '../incidents/incident-export.rows';
import { checkCsvHeader, incidentCsvCommand } from './incident-csv';

const TRUCE = '5b1f3c1e-8f0a-4d3e-9a55-0e5c9b1a2f10';

const exported = (cells: Record<string, string>): Record<string, string> => ({
  ...Object.fromEntries(CSV_COLUMNS.map((c) => [c, ''])),
  ...cells,
});

describe('incident CSV rows (our export’s columns) as import commands', () => {
  it('reads a row as the report it exported: accused from actor1, reporter, place, weapons, fatalities, sources', () => {
    const command = incidentCsvCommand(
      exported({
        event_id: 'abc',
        event_date: '2020-10-11',
        time_precision: 'minute',
        actor1: 'AZE',
        actor2: 'ARM',
        reported_by: 'ARM',
        location: 'Kapan',
        admin1: 'Syunik',
        country_iso3: 'ARM',
        latitude: '39.2',
        longitude: '46.4',
        geo_precision: 'near',
        weapons: 'artillery;drone',
        fatalities: '2',
        verification: 'confirmed',
        classification: 'breach',
        source: 'AP <https://apnews.com/>; Reuters',
        notes: "'=shelling",
      }),
      TRUCE,
    );
    expect(command).toEqual({
      truceId: TRUCE,
      sourceId: 'abc',
      reportedBy: 'ARM',
      reporterType: 'party',
      accusedParty: 'AZE',
      // A date cannot state a minute: day precision.
      occurredAt: { from: '2020-10-11T00:00:00Z', precision: 'day' },
      location: { name: 'Kapan', admin1: 'Syunik', countryIso3: 'ARM', lat: 39.2, lon: 46.4, precision: 'near' },
      sources: [{ name: 'AP', url: 'https://apnews.com/' }, { name: 'Reuters' }],
      weapons: ['artillery', 'drone'],
      casualties: { killed: { unknown: 2 } },
      // The export's formula guard is undone.
      description: '=shelling',
    });
  });

  it('keeps a full instant’s precision, takes truce_id and reporter_type when the file has them, and passes bad numbers on for validation to name', () => {
    const other = '0c7a1b2e-3d4f-4a5b-8c6d-7e8f9a0b1c2d';
    const command = incidentCsvCommand(
      {
        ...exported({ event_date: '2020-10-11T08:10:00Z', time_precision: 'minute', reported_by: 'OSCE', latitude: 'north', fatalities: 'many' }),
        truce_id: other,
        reporter_type: 'media',
      },
      TRUCE,
    );
    expect(command).toMatchObject({
      truceId: other,
      reporterType: 'media',
      occurredAt: { from: '2020-10-11T08:10:00Z', precision: 'minute' },
      location: { lat: 'north' },
      casualties: { killed: { unknown: 'many' } },
    });
    expect(command).not.toHaveProperty('sourceId');
  });

  it('takes the export’s header (and the two extras), and refuses any other before a row is read', () => {
    expect(checkCsvHeader([...CSV_COLUMNS, 'truce_id'])).toContain('truce_id');
    expect(() => checkCsvHeader(['date', 'actor1'])).toThrow(/missing event_id/);
    expect(() => checkCsvHeader([...CSV_COLUMNS, 'colour'])).toThrow(/unknown colour/);
  });
});
