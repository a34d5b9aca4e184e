import type { ExamplesObject } from '@nestjs/swagger';
import { EXAMPLE_INCIDENT_ID } from '../common/http/openapi/reference-case.examples';
import type { DenyBreachDto, ReportBreachDto } from './incidents.dto';

/**
 * The accusations of the first day of the Moscow truce (10 October 2020) and the denials that
 * answered them, as AP reported them; none was independently verified. "Minutes after it entered
 * force at noon (0800 GMT)" each side accused the other: Armenia of shelling near Kapan, Azerbaijan
 * of missile strikes on the Terter and Agdam regions — two places, so two reports, each answering
 * the Kapan one, with hour precision because AP gives no minute.
 */
const AP = { name: 'AP via NewsClick, 10 Oct 2020', url: 'https://www.newsclick.in/' };

const kapan: ReportBreachDto = {
  reportedBy: 'ARM',
  reporterType: 'party',
  accusedParty: 'AZE',
  occurredAt: { from: '2020-10-10T08:10:00Z', precision: 'minute' },
  location: { name: 'Kapan', admin1: 'Syunik', countryIso3: 'ARM', lat: 39.2076, lon: 46.4058, precision: 'near' },
  sources: [AP],
  weapons: ['artillery'],
  casualties: { killed: { civilian: 1 } },
  description: 'Armenian military: Azerbaijan shelled the area near the town of Kapan, killing one civilian.',
};

const strike = (region: string): ReportBreachDto => ({
  reportedBy: 'AZE',
  reporterType: 'party',
  accusedParty: 'ARM',
  occurredAt: { from: '2020-10-10T08:00:00Z', precision: 'hour' },
  location: { name: region, countryIso3: 'AZE', precision: 'region' },
  sources: [AP],
  weapons: ['missile'],
  description: `Azerbaijani military: Armenia struck the ${region} region with missiles.`,
  respondsTo: EXAMPLE_INCIDENT_ID,
});

export const REPORT_BREACH_EXAMPLES: ExamplesObject = {
  kapan: { summary: 'Armenia: shelling near Kapan, one civilian killed', value: kapan },
  terter: { summary: 'Azerbaijan, in turn: missile strikes on the Terter region', value: strike('Terter') },
  agdam: { summary: 'Azerbaijan, in turn: missile strikes on the Agdam region', value: strike('Agdam') },
};

const provocation: DenyBreachDto = {
  deniedBy: 'AZE',
  statement: "Azerbaijan's Defence Ministry rejected the claim as a 'provocation.'",
  characterization: 'provocation',
  sources: [AP],
};

const denied: DenyBreachDto = {
  deniedBy: 'ARM',
  statement: "Armenia's Defence Ministry denied that.",
  characterization: 'fabrication',
  sources: [AP],
};

export const DENY_BREACH_EXAMPLES: ExamplesObject = {
  provocation: { summary: 'Azerbaijan answers the Kapan report', value: provocation },
  denial: { summary: 'Armenia answers each report of strikes on Terter and Agdam', value: denied },
};
