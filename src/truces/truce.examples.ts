import type { ExamplesObject } from '@nestjs/swagger';
import type { AgreeTruceDto } from './truces.dto';

/** POST /truces: the humanitarian truce agreed in Moscow on 10 October 2020, as the sources put it. */
export const MOSCOW_TRUCE = {
  name: 'Humanitarian ceasefire, Moscow statement of 10 October 2020',
  parties: [
    { id: 'ARM', name: 'Armenia' },
    { id: 'AZE', name: 'Azerbaijan' },
  ],
  mediators: ['Russia'],
  purposes: ['prisoner_exchange', 'remains_exchange'],
  effectiveAt: '2020-10-10T08:00:00Z',
  effectiveAtSource: { text: 'noon (08:00 GMT)', timezone: 'Asia/Yerevan' },
  terms:
    'A humanitarian ceasefire to exchange prisoners of war and other detainees and the bodies of the dead, mediated and according to the criteria of the ICRC',
  sources: [{ name: 'AP via NewsClick, 10 Oct 2020', url: 'https://www.newsclick.in/' }, { name: 'TASS, 10 Oct 2020: "12:00 Moscow time"' }],
} satisfies AgreeTruceDto;

export const AGREE_TRUCE_EXAMPLES: ExamplesObject = {
  moscow: { summary: 'The Moscow truce of 10 October 2020', value: MOSCOW_TRUCE },
};
