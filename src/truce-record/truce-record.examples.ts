import type { ExamplesObject } from '@nestjs/swagger';
import { EXAMPLE_TRUCE_ID } from '../common/http/openapi/reference-case.examples';
import { ASSESSMENTS, OBSERVATION_KINDS } from '../observations/domain/observation';
import type { TruceSummary } from './domain/truce-summary';

const none = { civilian: 0, military: 0, unknown: 0 };
const noCasualties = { killed: none, injured: none };
const oneCivilianKilled = { killed: { ...none, civilian: 1 }, injured: none };
const unverified = (n: number) => ({ unverified: n, corroborated: 0, confirmed: 0, refuted: 0, inconclusive: 0 });
const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * The Moscow truce on the evening of 10 October 2020: each party accuses the other (Kapan; Terter
 * and Agdam), each accusation is denied, none is verified — so the record says `contested`.
 */
const contested: TruceSummary = {
  truceId: EXAMPLE_TRUCE_ID,
  name: 'Humanitarian ceasefire, Moscow statement of 10 October 2020',
  parties: [
    { id: 'ARM', name: 'Armenia' },
    { id: 'AZE', name: 'Azerbaijan' },
  ],
  mediators: ['Russia'],
  purposes: ['prisoner_exchange', 'remains_exchange'],
  effectiveAt: '2020-10-10T08:00:00Z',
  effectiveAtSource: { text: 'noon (08:00 GMT)', timezone: 'Asia/Yerevan' },
  endsAt: null,
  terms:
    'A humanitarian ceasefire to exchange prisoners of war and other detainees and the bodies of the dead, mediated and according to the criteria of the ICRC',
  sources: [{ name: 'AP via NewsClick, 10 Oct 2020', url: 'https://www.newsclick.in/' }, { name: 'TASS, 10 Oct 2020: "12:00 Moscow time"' }],
  status: 'contested',
  at: '2020-10-10T21:00:00Z',
  asOf: '2020-10-10T21:00:00Z',
  lastBreachAt: '2020-10-10T11:00:00Z',
  counts: {
    breaches: 2,
    ambiguous: 0,
    preTruce: 0,
    afterEnd: 0,
    denied: 2,
    byVerification: unverified(2),
    observations: { total: 0, byKind: zeroes(OBSERVATION_KINDS), byAssessment: zeroes(ASSESSMENTS) },
  },
  totals: { casualtiesAlleged: oneCivilianKilled, casualtiesConfirmed: noCasualties },
  tally: [
    {
      id: 'ARM',
      name: 'Armenia',
      reportsMade: 1,
      reportsMadeByVerification: unverified(1),
      accusedIn: 1,
      deniedCount: 1,
      byVerification: unverified(1),
      casualtiesAlleged: noCasualties,
      casualtiesConfirmed: noCasualties,
      casualtiesAttributed: noCasualties,
      observations: 0,
    },
    {
      id: 'AZE',
      name: 'Azerbaijan',
      reportsMade: 1,
      reportsMadeByVerification: unverified(1),
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
  recordedAt: '2020-10-10T07:40:00Z',
  streamVersion: 1,
};

export const TRUCE_SUMMARY_EXAMPLES: ExamplesObject = {
  contested: { summary: 'The Moscow truce on its first evening: two accusations, both denied, none verified', value: contested },
};
