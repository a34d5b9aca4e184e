import type { ExamplesObject } from '@nestjs/swagger';
import { EXAMPLE_TRUCE_ID } from '../common/http/openapi/reference-case.examples';
import { ASSESSMENTS, OBSERVATION_KINDS } from '../observations/domain/observation';
import { MOSCOW_TRUCE } from '../truces/truce.examples';
import type { TruceSummary } from './domain/truce-summary';

const none = { civilian: 0, military: 0, unknown: 0 };
const noCasualties = { killed: none, injured: none };
const oneCivilianKilled = { killed: { ...none, civilian: 1 }, injured: none };
const unverified = (n: number) => ({ unverified: n, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 });
const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * The Moscow truce on the evening of 10 October 2020: Armenia reports shelling near Kapan,
 * Azerbaijan strikes on Terter and on Agdam; each report is denied and none is verified — so the
 * record says `contested`, never `violated`.
 */
const contested: TruceSummary = {
  truceId: EXAMPLE_TRUCE_ID,
  ...MOSCOW_TRUCE,
  endsAt: null,
  status: 'contested',
  at: '2020-10-10T21:00:00Z',
  asOf: '2020-10-10T21:00:00Z',
  lastBreachAt: '2020-10-10T08:10:00Z',
  counts: {
    breaches: 3,
    ambiguous: 0,
    preTruce: 0,
    afterEnd: 0,
    denied: 3,
    byVerification: unverified(3),
    observations: { total: 0, byKind: zeroes(OBSERVATION_KINDS), byAssessment: zeroes(ASSESSMENTS) },
  },
  totals: { casualtiesAlleged: oneCivilianKilled, casualtiesConfirmed: noCasualties },
  tally: [
    {
      id: 'ARM',
      name: 'Armenia',
      reportsMade: 1,
      reportsMadeByVerification: unverified(1),
      accusedIn: 2,
      deniedCount: 2,
      byVerification: unverified(2),
      casualtiesAlleged: noCasualties,
      casualtiesConfirmed: noCasualties,
      casualtiesAttributed: noCasualties,
      observations: 0,
    },
    {
      id: 'AZE',
      name: 'Azerbaijan',
      reportsMade: 2,
      reportsMadeByVerification: unverified(2),
      accusedIn: 1,
      deniedCount: 1,
      byVerification: unverified(1),
      casualtiesAlleged: oneCivilianKilled,
      casualtiesConfirmed: noCasualties,
      casualtiesAttributed: noCasualties,
      observations: 0,
    },
  ],
  milestones: [],
  end: null,
  collapsed: null,
  ended: null,
  endingHistory: [],
  suspensions: [],
  recordedAt: '2020-10-10T01:15:00Z',
  streamVersion: 1,
};

export const TRUCE_SUMMARY_EXAMPLES: ExamplesObject = {
  contested: { summary: 'The Moscow truce on its first evening: three reports, each denied, none verified', value: contested },
};
