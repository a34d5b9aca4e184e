import { IncidentCommand } from './domain/incident';
import { toCasualties } from './incident-values.dto';
import { ReportBreachDto } from './incidents.dto';

/** What a ReportBreach command carries. */
export type ReportBreachData = Extract<IncidentCommand, { type: 'ReportBreach' }>['data'];

/**
 * A validated report body (POST /truces/{id}/incidents, or a line of a bulk import) as the data of
 * its command: defaults filled in, casualties in their stored form. One mapping for both paths, so
 * an imported incident is recorded exactly as the same report sent over HTTP would be.
 */
export function reportBreachData(truceId: string, body: ReportBreachDto): ReportBreachData {
  const { from, to, precision } = body.occurredAt;
  return {
    truceId,
    reportedBy: body.reportedBy,
    reporterType: body.reporterType ?? 'party',
    accusedParty: body.accusedParty,
    occurredAt: { from, precision, ...(to ? { to } : {}) },
    location: { ...body.location },
    weapons: body.weapons ?? [],
    casualties: toCasualties(body.casualties),
    description: body.description ?? null,
    sources: body.sources,
    respondsTo: body.respondsTo ?? null,
  };
}
