import { randomUUID } from 'node:crypto';

/** A BreachReported of realistic size (~0.9 kB of JSON), as the benchmarks append and insert. */
export function aBreachReportedData(truceId: string, incidentId = randomUUID()) {
  return {
    incidentId,
    truceId,
    reportedBy: 'ARM',
    reporterType: 'party',
    accusedParty: 'AZE',
    occurredAt: { from: '2020-10-10T08:10:00.000Z', precision: 'minute' },
    location: { name: 'near Kapan', countryIso3: 'ARM', lat: 39.21, lon: 46.41, precision: 'near' },
    weapons: ['artillery', 'rocket'],
    casualties: { killed: { civilian: 1, military: 0, unknown: 0 }, injured: { civilian: { best: 2, low: 1, high: 4 }, military: 0, unknown: 0 } },
    description:
      'Benchmark report modelled on the 10 October 2020 accusations: shelling of the area near the town of Kapan, one civilian reported killed, ' +
      'attributed by the reporting party to the other side; not independently verified.',
    sources: [{ name: 'AP via NewsClick, 10 Oct 2020' }, { name: 'Ministry of Defence statement', url: 'https://example.org/statement' }],
    respondsTo: null,
  };
}

export const BENCH_METADATA = { actor: 'bench', correlationId: '00000000-0000-4000-8000-000000000000', causationId: null };

/** The HTTP body of POST /truces/{id}/incidents that the ingest benchmark sends. */
export const INCIDENT_BODY = {
  reportedBy: 'ARM',
  accusedParty: 'AZE',
  occurredAt: { from: '2020-10-10T08:10:00Z', precision: 'minute' },
  location: { name: 'near Kapan', countryIso3: 'ARM', lat: 39.21, lon: 46.41, precision: 'near' },
  weapons: ['artillery'],
  casualties: { killed: { civilian: 1 } },
  description: 'Benchmark report modelled on the 10 October 2020 accusation of shelling near Kapan.',
  sources: [{ name: 'AP via NewsClick, 10 Oct 2020' }],
};

export const TRUCE_BODY = {
  name: 'Benchmark truce',
  parties: [
    { id: 'ARM', name: 'Armenia' },
    { id: 'AZE', name: 'Azerbaijan' },
  ],
  effectiveAt: '2020-10-10T08:00:00Z',
};
