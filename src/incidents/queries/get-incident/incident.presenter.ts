import { classify } from '../../domain/classification';
import { IncidentState } from '../../domain/incident';

/** An incident as the API shows it (API.md, GET /incidents/{id}). */
export function presentIncident(incident: IncidentState, effectiveAt: string) {
  return {
    incidentId: incident.incidentId,
    truceId: incident.truceId,
    reportedBy: incident.reportedBy,
    reporterType: incident.reporterType,
    accusedParty: incident.accusedParty,
    occurredAt: incident.occurredAt,
    location: incident.location,
    weapons: incident.weapons,
    casualties: incident.casualties,
    description: incident.description,
    sources: incident.sources,
    classification: classify(incident.occurredAt, effectiveAt),
    verification: incident.verification,
    attribution: incident.attribution,
    denials: incident.denials,
    retracted: incident.retracted !== null,
    retraction: incident.retracted,
    respondsTo: incident.respondsTo,
    recordedAt: incident.recordedAt,
    streamVersion: incident.version,
  };
}

export type IncidentResponse = ReturnType<typeof presentIncident>;
