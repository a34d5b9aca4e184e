import type { ExamplesObject } from '@nestjs/swagger';
import type { DenyBreachDto, ReportBreachDto } from './incidents.dto';

/**
 * The two accusations of the first day of the Moscow truce (10 October 2020) and the denials that
 * answered them; none was independently verified. Times within the day are illustrative.
 */
const AP = { name: 'AP via NewsClick, 10 Oct 2020', url: 'https://www.newsclick.in/' };

const kapan: ReportBreachDto = {
  reportedBy: 'ARM',
  reporterType: 'party',
  accusedParty: 'AZE',
  occurredAt: { from: '2020-10-10T11:00:00Z', precision: 'hour' },
  location: { name: 'Kapan', admin1: 'Syunik', countryIso3: 'ARM', lat: 39.2076, lon: 46.4058, precision: 'near' },
  sources: [AP],
  weapons: ['artillery'],
  casualties: { killed: { civilian: 1 } },
  description: 'Armenia says Azerbaijani forces shelled the area of Kapan after the truce took effect, killing one civilian',
};

const terterAgdam: ReportBreachDto = {
  reportedBy: 'AZE',
  reporterType: 'party',
  accusedParty: 'ARM',
  occurredAt: { from: '2020-10-10T08:00:00Z', to: '2020-10-10T20:00:00Z', precision: 'hour' },
  location: { name: 'Terter and Agdam', countryIso3: 'AZE', precision: 'region' },
  sources: [AP],
  weapons: ['missile'],
  description: 'Azerbaijan says Armenian forces fired missiles at Terter and Agdam',
};

export const REPORT_BREACH_EXAMPLES: ExamplesObject = {
  kapan: { summary: 'Armenia: shelling near Kapan, one civilian killed', value: kapan },
  terterAgdam: { summary: 'Azerbaijan: missile strikes on Terter and Agdam', value: terterAgdam },
};

const provocation: DenyBreachDto = {
  deniedBy: 'AZE',
  statement: 'Azerbaijan calls the accusation of shelling near Kapan a provocation',
  characterization: 'provocation',
  sources: [AP],
};

const denied: DenyBreachDto = {
  deniedBy: 'ARM',
  statement: 'Armenia denies firing at Terter and Agdam',
  characterization: 'fabrication',
  sources: [AP],
};

export const DENY_BREACH_EXAMPLES: ExamplesObject = {
  provocation: { summary: 'Azerbaijan answers the Kapan report', value: provocation },
  denial: { summary: 'Armenia answers the Terter and Agdam report', value: denied },
};
