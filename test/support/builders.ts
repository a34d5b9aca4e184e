/**
 * Request-body builders for the e2e specs: the reference case by default, so a test spells out
 * only what it is about.
 *
 * Reference case: the humanitarian truce of 10 October 2020 in Nagorno-Karabakh, as reported by
 * AP and republished by NewsClick (AP via NewsClick, 10 Oct 2020): agreed in
 * Moscow with Russia mediating, in force "at noon (0800 GMT)"; minutes later Armenia accused
 * Azerbaijan of shelling near Kapan, killing one civilian (Azerbaijan: a "provocation"), and
 * Azerbaijan accused Armenia of missile strikes on Terter and Agdam (Armenia denied it).
 */

/** The republished AP report every reference-case claim is cited to. */
export const AP_NEWSCLICK = {
  name: 'AP via NewsClick, "After Russia mediates, Armenia, Azerbaijan Agree on Ceasefire in Nagorno-Karabakh", 10 Oct 2020',
  url: 'https://www.newsclick.in/',
};

export const ARM = { id: 'ARM', name: 'Armenia' };
export const AZE = { id: 'AZE', name: 'Azerbaijan' };

/** "noon (0800 GMT)" per AP. */
export const EFFECTIVE_AT = '2020-10-10T08:00:00Z';

type Json = Record<string, unknown>;

/** POST /truces body: the 10 October 2020 humanitarian truce. */
export function aTruceBody(overrides: Json = {}): Json {
  return {
    name: 'Humanitarian ceasefire in Nagorno-Karabakh, Moscow statement of 10 October 2020',
    parties: [ARM, AZE],
    mediators: ['Russia'],
    purposes: ['prisoner_exchange', 'remains_exchange'],
    effectiveAt: EFFECTIVE_AT,
    effectiveAtSource: { text: 'noon (0800 GMT)', timezone: 'Asia/Yerevan' },
    terms: 'Exchange of prisoners of war and of the bodies of the dead; specific details to be agreed later.',
    sources: [AP_NEWSCLICK],
    ...overrides,
  };
}

/** POST /truces/{id}/incidents body: Armenia accuses Azerbaijan of shelling near Kapan. */
export function aBreachBody(overrides: Json = {}): Json {
  return {
    reportedBy: 'ARM',
    accusedParty: 'AZE',
    occurredAt: { from: '2020-10-10T08:07:00Z', precision: 'minute' },
    location: { name: 'Kapan', admin1: 'Syunik', countryIso3: 'ARM', precision: 'near' },
    weapons: ['artillery'],
    casualties: { killed: { civilian: 1 } },
    description: 'Armenian military: Azerbaijani forces shelled the area near the town of Kapan, killing one civilian.',
    sources: [AP_NEWSCLICK],
    ...overrides,
  };
}

/** POST /incidents/{id}/denials body: Azerbaijan calls the Kapan claim a provocation. */
export function aDenialBody(overrides: Json = {}): Json {
  return {
    deniedBy: 'AZE',
    statement: 'provocation',
    characterization: 'provocation',
    sources: [AP_NEWSCLICK],
    ...overrides,
  };
}

/** POST /incidents/{id}/verifications body. */
export function aVerificationBody(overrides: Json = {}): Json {
  return {
    status: 'corroborated',
    by: 'Independent monitor (test)',
    method: 'independent_sources',
    note: 'Two independent sources.',
    ...overrides,
  };
}

/** POST /truces/{id}/collapse body. */
export function aCollapseBody(overrides: Json = {}): Json {
  return {
    declaredBy: 'Russia',
    reason: 'Fighting resumed along the line of contact.',
    sources: [AP_NEWSCLICK],
    ...overrides,
  };
}
