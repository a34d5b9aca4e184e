/**
 * The humanitarian truce of 10 October 2020 in Nagorno-Karabakh, as one news report tells it:
 * AP, republished by NewsClick on 10 October 2020, "After Russia mediates, Armenia, Azerbaijan
 * Agree on Ceasefire in Nagorno-Karabakh" ("AP via NewsClick, 10 Oct 2020"). Every
 * request below cites it and says no more than it does. The record times are when the demo
 * runs: this is a monitor entering the report, not a re-enactment of 2020.
 *
 * Choices that go beyond the words of the report, and why:
 * - Reported times: the report says the accusations came "minutes after it entered force", so
 *   each is given the hour-precision window of the hour after the entry into force, not an
 *   invented minute. The entry into force itself is disputed (see EFFECTIVE_TIME_REVISION): AP
 *   converts "noon" to 0800 GMT, TASS gives 12:00 Moscow time (09:00 UTC). The accusations are
 *   timed by the entry into force, not by AP's conversion of it, so the record follows the
 *   instant it settles on, TASS's: [09:00, 10:00) UTC. Under either reading they are post-truce.
 * - Azerbaijan's accusation names two regions ("the Terter and Agdam regions") in one claim; it
 *   is recorded as one incident with a region-precision place, so it is counted once, and
 *   without coordinates, since one point would misplace it.
 * - Kapan's coordinates are its town centre, approximately (39.21 N, 46.41 E), with precision
 *   `near` because the report says "the area near the town of Kapan".
 * - "The claims couldn't be independently verified": recorded as an `unverified` finding by the
 *   reporting agency, so the record shows that verification was attempted and what it found.
 */
export const SOURCE = {
  name: 'AP via NewsClick, "After Russia mediates, Armenia, Azerbaijan Agree on Ceasefire in Nagorno-Karabakh", 10 October 2020',
};

export const TRUCE = {
  name: 'Humanitarian ceasefire in Nagorno-Karabakh (Moscow statement, 10 October 2020)',
  parties: [
    { id: 'ARM', name: 'Armenia' },
    { id: 'AZE', name: 'Azerbaijan' },
  ],
  mediators: ['Russia'],
  purposes: ['prisoner_exchange', 'remains_exchange'],
  effectiveAt: '2020-10-10T08:00:00Z',
  effectiveAtSource: { text: 'entered force at noon (0800 GMT)', timezone: 'Asia/Yerevan' },
  terms:
    'Agreed after 10 hours of talks in Moscow sponsored by Russian Foreign Minister Sergey Lavrov, who read the statement. ' +
    'The truce is intended to exchange prisoners and recover the dead; specific details will be agreed on later. ' +
    'It should pave the way for talks on settling the conflict.',
  sources: [SOURCE],
};

/** "Minutes after it entered force": the hour after 12:00 Moscow time (09:00 UTC). */
const FIRST_HOUR = { from: '2020-10-10T09:00:00Z', to: '2020-10-10T10:00:00Z', precision: 'hour' };

export const KAPAN_SHELLING = {
  reportedBy: 'ARM',
  reporterType: 'party',
  accusedParty: 'AZE',
  occurredAt: FIRST_HOUR,
  location: { name: 'near Kapan', countryIso3: 'ARM', lat: 39.21, lon: 46.41, precision: 'near' },
  weapons: ['artillery'],
  casualties: { killed: { civilian: 1 } },
  description: 'The Armenian military accused Azerbaijan of shelling the area near the town of Kapan in south-eastern Armenia, killing one civilian.',
  sources: [SOURCE],
};

export const KAPAN_DENIAL = {
  deniedBy: 'AZE',
  statement: 'Azerbaijan\'s Defence Ministry rejected the claim as a "provocation."',
  characterization: 'provocation',
  sources: [SOURCE],
};

export const TERTER_AGDAM_STRIKES = {
  reportedBy: 'AZE',
  reporterType: 'party',
  accusedParty: 'ARM',
  occurredAt: FIRST_HOUR,
  location: { name: 'Terter and Agdam regions', countryIso3: 'AZE', precision: 'region' },
  weapons: ['missile'],
  description: 'The Azerbaijani military, in turn, accused Armenia of striking the Terter and Agdam regions of Azerbaijan with missiles.',
  sources: [SOURCE],
};

export const TERTER_AGDAM_DENIAL = {
  deniedBy: 'ARM',
  statement: "Armenia's Defence Ministry denied that.",
  characterization: 'other',
  sources: [SOURCE],
};

export const NOT_VERIFIED = {
  status: 'unverified',
  by: 'Associated Press',
  method: 'independent_sources',
  note: "The claims couldn't be independently verified.",
};

export const TASS = { name: 'TASS, 10 October 2020' };

/**
 * The continuation of 10 October: TASS reported the truce in force "from 12:00 Moscow time"
 * (09:00 UTC), an hour later than AP's "noon (0800 GMT)" — the sources disagree on which noon
 * the Moscow statement meant. The statement was made and read in Moscow, so the record adopts
 * Moscow time, keeping both sources and AP's words in its history.
 */
export const EFFECTIVE_TIME_REVISION = {
  effectiveAt: '2020-10-10T09:00:00Z',
  effectiveAtSource: { text: 'from 12:00 Moscow time', timezone: 'Europe/Moscow' },
  reason:
    'The sources disagree on the instant: AP (via NewsClick) gives "noon (0800 GMT)", local time; TASS gives "12:00 Moscow time" (09:00 UTC). ' +
    "The statement was made in Moscow, so Moscow time is adopted; AP's reading stays in the record.",
  sources: [SOURCE, TASS],
};
