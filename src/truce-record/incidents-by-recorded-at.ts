import { IncidentState } from '../incidents/domain/incident';
import { IncidentFacts, incidentFacts, IncidentFactsWalk } from './domain/incident-facts';
import { incidentAsOf } from './domain/record-as-of';

const byRecordedAt = (a: IncidentState, b: IncidentState) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0);

/**
 * A truce's incidents ordered by the instant their report was recorded, the instant that decides
 * whether an incident belongs to the record as of K (incidentAsOf: recordedAt <= K). An as-of
 * answer then takes the prefix recorded by K (a binary search) and never touches the incidents
 * recorded later, where filtering every incident of a large truce was half of each answer.
 *
 * Kept up to date by the record cache as incidents arrive and are revised: a revision replaces the
 * incident in its place (its recordedAt is its report's, fixed by the first event), a new one goes
 * at the end; one that arrives out of recorded-at order (another instance's clock, a late load)
 * marks the list unsorted, and the next question sorts it once.
 */
export class IncidentsByRecordedAt {
  private states: IncidentState[] = [];
  /** Beside each state: its facts, and its updatedAt in ms (a number to compare without reading the state). */
  private facts: IncidentFacts[] = [];
  private updatedMs: number[] = [];
  private readonly slotOf = new Map<string, number>();
  private sorted = true;

  constructor(incidents: Iterable<IncidentState> = []) {
    for (const incident of incidents) this.put(incident);
  }

  get size(): number {
    return this.states.length;
  }

  /** A new incident, or a later state of one already held. */
  put(incident: IncidentState): void {
    let slot = this.slotOf.get(incident.incidentId);
    if (slot !== undefined) {
      // Folds never change an incident's recordedAt; should a state ever do so, re-sort rather than misplace it.
      if (this.states[slot].recordedAt !== incident.recordedAt) this.sorted = false;
    } else {
      slot = this.states.length;
      const last = this.states[slot - 1];
      if (last !== undefined && last.recordedAt > incident.recordedAt) this.sorted = false;
      this.slotOf.set(incident.incidentId, slot);
    }
    this.states[slot] = incident;
    this.facts[slot] = incidentFacts(incident);
    this.updatedMs[slot] = Date.parse(incident.updatedAt);
  }

  /**
   * The incidents as they stood at record time K: exactly those incidentAsOf(·, K) keeps, each as
   * it returns it, in recorded-at order — the incidents factsAsOf(K) walks (its spec checks both).
   */
  asOf(k: string): IncidentState[] {
    const known = this.recordedBy(k);
    const kMs = Date.parse(k);
    const states = new Array<IncidentState>(known);
    for (let i = 0; i < known; i++) states[i] = this.isSettledBy(i, k, kMs) ? this.states[i] : incidentAsOf(this.states[i], k)!;
    return states;
  }

  /**
   * The facts of the same incidents as asOf(K), in the same order: what a status answer reads,
   * walked in place. Walk it before anything is put (before the next await): it reads the index
   * as it is then.
   */
  factsAsOf(k: string): IncidentFactsWalk {
    const known = this.recordedBy(k);
    const kMs = Date.parse(k);
    return {
      forEach: (visit) => {
        for (let i = 0; i < known; i++) visit(this.isSettledBy(i, k, kMs) ? this.facts[i] : new IncidentFacts(incidentAsOf(this.states[i], k)!));
      },
    };
  }

  /**
   * Untouched since K (most incidents, for any K not recent): as held. The millisecond numbers are
   * compared first, the strings only on the same millisecond, so a walk does not read the states.
   */
  private isSettledBy(i: number, k: string, kMs: number): boolean {
    const updated = this.updatedMs[i];
    return updated < kMs || (!(updated > kMs) && this.states[i].updatedAt <= k);
  }

  /**
   * How many incidents were recorded at or before K: they come first. Instants are ISO strings
   * of one format, so they compare as strings (as record-as-of.ts does).
   */
  private recordedBy(k: string): number {
    this.sort();
    const states = this.states;
    let lo = 0;
    let hi = states.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (states[mid].recordedAt <= k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private sort(): void {
    if (this.sorted) return;
    const order = this.states.map((_, i) => i).sort((a, b) => byRecordedAt(this.states[a], this.states[b]) || a - b);
    this.states = order.map((i) => this.states[i]);
    this.facts = order.map((i) => this.facts[i]);
    this.updatedMs = order.map((i) => this.updatedMs[i]);
    this.states.forEach((incident, i) => this.slotOf.set(incident.incidentId, i));
    this.sorted = true;
  }
}
