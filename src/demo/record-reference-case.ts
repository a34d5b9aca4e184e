import * as CASE from './reference-case';

export interface DemoKeys {
  admin: string;
  verifier: string;
  reporter: string;
}

export interface RecordedCase {
  truceId: string;
  incidentIds: string[];
}

/**
 * Records the reference case through the HTTP API, as a monitor would. Every request carries an
 * Idempotency-Key, so running the demo again against the same database records nothing twice.
 */
export async function recordReferenceCase(baseUrl: string, keys: DemoKeys): Promise<RecordedCase> {
  const post = async (path: string, key: string, idempotencyKey: string, body: unknown) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as any;
    if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };

  const { truceId } = await post('/truces', keys.admin, 'demo-2020-10-10-truce', CASE.TRUCE);
  const kapan = await post(`/truces/${truceId}/incidents`, keys.reporter, 'demo-2020-10-10-kapan', CASE.KAPAN_SHELLING);
  await post(`/incidents/${kapan.incidentId}/denials`, keys.reporter, 'demo-2020-10-10-kapan-denial', CASE.KAPAN_DENIAL);
  const strikes = await post(`/truces/${truceId}/incidents`, keys.reporter, 'demo-2020-10-10-terter-agdam', {
    ...CASE.TERTER_AGDAM_STRIKES,
    respondsTo: kapan.incidentId,
  });
  await post(`/incidents/${strikes.incidentId}/denials`, keys.reporter, 'demo-2020-10-10-terter-agdam-denial', CASE.TERTER_AGDAM_DENIAL);
  for (const incident of [kapan, strikes]) {
    await post(`/incidents/${incident.incidentId}/verifications`, keys.verifier, `demo-2020-10-10-verify-${incident.incidentId}`, CASE.NOT_VERIFIED);
  }
  await post(`/truces/${truceId}/effective-time`, keys.admin, 'demo-2020-10-10-effective-time-tass', CASE.EFFECTIVE_TIME_REVISION);
  return { truceId, incidentIds: [kapan.incidentId, strikes.incidentId] };
}
