/**
 * Value objects of an incident report (DOMAIN.md, "Value objects"). All instants are ISO 8601
 * UTC strings, normalised by the HTTP layer (`2020-10-10T08:10:00.000Z`).
 */
export type TimePrecision = 'minute' | 'hour' | 'day';
export const TIME_PRECISIONS: readonly TimePrecision[] = ['minute', 'hour', 'day'];

export interface TimeSpec {
  from: string;
  to?: string;
  precision: TimePrecision;
}

export type PlacePrecision = 'exact' | 'near' | 'region';
export const PLACE_PRECISIONS: readonly PlacePrecision[] = ['exact', 'near', 'region'];

export interface Place {
  name: string;
  admin1?: string;
  countryIso3?: string;
  lat?: number;
  lon?: number;
  precision?: PlacePrecision;
}

/** A casualty figure: a plain best estimate, or a best estimate with a range. */
export type Figure = number | { best: number; low?: number; high?: number };

export interface CasualtyGroup {
  civilian: Figure;
  military: Figure;
  unknown: Figure;
}

export interface Casualties {
  killed: CasualtyGroup;
  injured: CasualtyGroup;
}

/** Sums of best estimates, in the same shape as Casualties. */
export interface CasualtyTotals {
  killed: { civilian: number; military: number; unknown: number };
  injured: { civilian: number; military: number; unknown: number };
}

const UNIT_MS: Record<TimePrecision, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/**
 * The window `[from, to)` a TimeSpec covers. Without `to` it is the whole precision unit that
 * contains `from` (DOMAIN.md): a minute-precision 08:10 is [08:10, 08:11), an hour-precision
 * 08:40 is [08:00, 09:00), a day-precision report covers its whole UTC day — a report precise
 * to the hour says nothing about the minutes, so the window cannot start at them either.
 * Classification, list filters and exports all read this one window.
 */
export function timeWindow(spec: TimeSpec): { from: number; to: number } {
  const from = Date.parse(spec.from);
  if (spec.to !== undefined) return { from, to: Date.parse(spec.to) };
  const unit = UNIT_MS[spec.precision];
  const start = Math.floor(from / unit) * unit;
  return { from: start, to: start + unit };
}

export function bestOf(figure: Figure | undefined): number {
  if (figure === undefined) return 0;
  return typeof figure === 'number' ? figure : figure.best;
}

export function emptyTotals(): CasualtyTotals {
  return { killed: { civilian: 0, military: 0, unknown: 0 }, injured: { civilian: 0, military: 0, unknown: 0 } };
}

/** Adds the best estimates into the totals: written out field by field, as status answers call it for every incident. */
export function addCasualties(into: CasualtyTotals, casualties: Casualties): void {
  const { killed, injured } = casualties;
  into.killed.civilian += bestOf(killed.civilian);
  into.killed.military += bestOf(killed.military);
  into.killed.unknown += bestOf(killed.unknown);
  into.injured.civilian += bestOf(injured.civilian);
  into.injured.military += bestOf(injured.military);
  into.injured.unknown += bestOf(injured.unknown);
}

export function totalOf(totals: CasualtyTotals): { killed: number; injured: number } {
  const sum = (g: { civilian: number; military: number; unknown: number }) => g.civilian + g.military + g.unknown;
  return { killed: sum(totals.killed), injured: sum(totals.injured) };
}
