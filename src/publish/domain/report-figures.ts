import { IncidentState } from '../../incidents/domain/incident';
import { ObservationState } from '../../observations/domain/observation';
import { timeWindow } from '../../incidents/domain/value-objects';
import { TruceState } from '../../truces/domain/truce';
import { truceSummary, TruceSummary } from '../../truce-record/domain/truce-summary';
import { CountableItem } from './countable-item';
import { bucketBounds, MAX_BUCKETS } from './time-buckets';
import { SeriesBucket, timeSeries } from './time-series';

/** The figures a report freezes (API.md): the truce's summary and its daily series, for the period only. */
export interface ReportFigures {
  summary: TruceSummary;
  timeseries: SeriesBucket[];
}

export interface PeriodRecord {
  /** The truce as recorded at `asOf`. */
  truce: TruceState;
  /** Its incidents as recorded at `asOf`. */
  incidents: readonly IncidentState[];
  /** Its observations as recorded at `asOf`. */
  observations: readonly ObservationState[];
  /** Its countable items (incidents and observations) as recorded at `asOf`. */
  items: readonly CountableItem[];
}

export interface PeriodFigures {
  figures: ReportFigures;
  incidents: string[];
  observations: string[];
}

/**
 * The figures of a period [from, to): only what occurred in it (by the start of its window) is
 * counted, as the record stood at `asOf`. Pure: the same record and `asOf` give the same figures,
 * which is what lets anyone recompute a published report.
 */
export function periodFigures(record: PeriodRecord, period: { from: string; to: string }, tz: string, asOf: string): PeriodFigures {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  const inPeriod = (instant: number) => instant >= from && instant < to;
  const incidents = record.incidents.filter((i) => inPeriod(timeWindow(i.occurredAt).from));
  const observations = record.observations.filter((o) => inPeriod(timeWindow(o.observedAt).from));
  const items = record.items.filter((i) => inPeriod(i.occurredFrom));
  const days = bucketBounds(from, to, 'day', tz, MAX_BUCKETS) ?? [];
  return {
    // The status as it stood at the end of the period, from the period's incidents alone.
    figures: { summary: truceSummary(record.truce, incidents, period.to, asOf, observations), timeseries: timeSeries(items, days, 'party') },
    incidents: items.filter((i) => i.kind === 'breach').map((i) => i.id),
    observations: items.filter((i) => i.kind === 'observation').map((i) => i.id),
  };
}
