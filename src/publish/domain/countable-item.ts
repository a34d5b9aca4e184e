import { timeWindow } from '../../incidents/domain/value-objects';
import { bestOf, Casualties } from '../../incidents/domain/value-objects';
import { IncidentState } from '../../incidents/domain/incident';

/**
 * What the published figures count, whatever recorded it: a reported breach (an incident) or
 * something monitors saw themselves (an observation). Each source of records maps its states to
 * these, so the bucketing and the tallies of a period need not know either domain.
 * Only records that count somewhere are items: a retracted report or a withdrawn observation
 * counts nowhere (DOMAIN.md) and is never made into one.
 */
export interface CountableItem {
  id: string;
  kind: 'breach' | 'observation';
  /** The start of the occurrence window (ms): the bucket of an item is the bucket of its `from`. */
  occurredFrom: number;
  /** Classification against the truce (DOMAIN.md): `post_truce`, `pre_truce`, `ambiguous`, `after_end`. */
  classification: string;
  /** A breach's verification status; null for an observation. */
  verification: string | null;
  /** An observation's assessment; null for a breach. */
  assessment: string | null;
  /** The party accused (a breach) or named as origin (an observation); null when none is named. */
  party: string | null;
  weapons: string[];
  zones: string[];
  /** Best figures (breaches only; zero for observations). */
  killed: number;
  injured: number;
}

function bestTotal(group: Casualties['killed']): number {
  return bestOf(group.civilian) + bestOf(group.military) + bestOf(group.unknown);
}

/**
 * The incidents of a record as items: retracted ones left out, each classified by `classify`
 * (the truce's rule, passed in so that the item knows nothing of how a truce ends).
 */
export function incidentItems(
  incidents: readonly IncidentState[],
  classify: (window: { from: number; to: number }) => string,
  zonesOf: (incident: IncidentState) => string[] = () => [],
): CountableItem[] {
  return incidents
    .filter((i) => !i.retracted)
    .map((i) => {
      const window = timeWindow(i.occurredAt);
      return {
        id: i.incidentId,
        kind: 'breach',
        occurredFrom: window.from,
        classification: classify(window),
        verification: i.verification.status,
        assessment: null,
        party: i.accusedParty,
        weapons: [...i.weapons],
        zones: zonesOf(i),
        killed: bestTotal(i.casualties.killed),
        injured: bestTotal(i.casualties.injured),
      };
    });
}
