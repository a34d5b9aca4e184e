/**
 * Ids shared by the OpenAPI examples, which all tell one story: the humanitarian truce agreed in
 * Moscow on 10 October 2020 between Armenia and Azerbaijan, in force from noon (08:00 GMT); within
 * hours Armenia accused Azerbaijan of shelling near Kapan that killed one civilian (Azerbaijan
 * called it a provocation), and Azerbaijan accused Armenia of missile strikes on Terter and Agdam
 * (Armenia denied them). Nothing was independently verified. Fixed ids keep the examples of one
 * operation consistent with those of the next.
 */
export const EXAMPLE_TRUCE_ID = '3f0c2a9e-8d7b-4c55-9a8e-2f1d6b7c9e01';

/** Armenia's report: shelling near Kapan, one civilian killed. */
export const EXAMPLE_INCIDENT_ID = '9b2d4e6f-1a3c-4d5e-8f7a-0b1c2d3e4f50';

/** Azerbaijan's counter-report: missile strikes on Terter and Agdam. */
export const EXAMPLE_COUNTER_INCIDENT_ID = 'c4e5f6a7-b8c9-4dae-9f01-23456789abcd';

export const EXAMPLE_OBSERVATION_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';

/** When the examples' reports reached the log. */
export const EXAMPLE_RECORDED_AT = '2020-10-10T09:15:00Z';

/** The report published on the evening of the first day. */
export const EXAMPLE_REPORT_ID = '2b3c4d5e-6f70-4a81-9b2c-3d4e5f607182';
