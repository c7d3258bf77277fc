/**
 * Half hours into longer periods (hours, local days, weeks from Monday, months), so that a
 * year is 366 points rather than a solid band of 17,568. Consumption is added up over the
 * period; a level (kW, V) is averaged. Periods follow the zone the page shows.
 */
import type { Series } from "./series.js";
import {
  aYearLater,
  DAY_MS,
  nextPeriodStart,
  type Period,
  periodStart,
  type Range,
  type Zone,
} from "./zone.js";

export const PERIODS: readonly Period[] = ["halfHour", "hour", "day", "week", "month"];

export const PERIOD_NAMES: Record<Period, string> = {
  halfHour: "half hour",
  hour: "hour",
  day: "day",
  week: "week",
  month: "month",
};

/** Roughly how long each period is, to count how many a range holds. */
const PERIOD_DAYS: Record<Period, number> = {
  halfHour: 1 / 48,
  hour: 1 / 24,
  day: 1,
  week: 7,
  month: 30.44,
};

/**
 * The shortest period that gives a range at most `maxPoints` points (a chart's width allows
 * a few pixels per point: a year is days on a desktop, weeks on a phone); months beyond.
 */
export function autoPeriod(range: Range, maxPoints: number): Period {
  const days = (range.end - range.start) / DAY_MS;
  return PERIODS.find((p) => days / PERIOD_DAYS[p] <= maxPoints) ?? "month";
}

/**
 * The periods that lie wholly within a range, by their starts. A week or a month cut by the
 * range's ends is left out: a chart would show its part as a sudden drop.
 */
export interface Grid {
  period: Period;
  zone: Zone;
  starts: number[];
  /** End of the last period (the range's start if none fits). */
  end: number;
}

export function periodGrid(range: Range, period: Period, zone: Zone): Grid {
  const starts: number[] = [];
  let t = periodStart(range.start, period, zone);
  if (t < range.start) t = nextPeriodStart(t, period, zone);
  let end = t;
  for (let next = nextPeriodStart(t, period, zone); next <= range.end; ) {
    starts.push(t);
    end = next;
    t = next;
    next = nextPeriodStart(t, period, zone);
  }
  return { period, zone, starts, end: starts.length > 0 ? end : range.start };
}

/** The parts of a range its grid leaves out, at the start and at the end. */
export function leftOut(grid: Grid, range: Range): Range[] {
  const first = grid.starts[0] ?? range.end;
  return [
    { start: range.start, end: first },
    { start: grid.starts.length > 0 ? grid.end : range.end, end: range.end },
  ].filter((part) => part.end > part.start);
}

/** One value per period of a grid. */
export interface Aggregate {
  grid: Grid;
  /** Consumption added up, or a level averaged; NaN when the period has no reading. */
  value: Float64Array;
  /** A cumulative register's running total at the period's first reading. */
  total: Float64Array | undefined;
  /** Status bits of the period's readings, OR-ed: interpolated if any was. */
  status: Uint8Array;
  /** Readings in the period. */
  count: Uint32Array;
}

/**
 * Adds up (or averages) the readings of each period. A NaN reading makes its period NaN: a
 * sum that misses a half hour would look complete.
 */
export function aggregate(series: Series, grid: Grid): Aggregate {
  const n = grid.starts.length;
  const out: Aggregate = {
    grid,
    value: new Float64Array(n).fill(Number.NaN),
    total: series.total ? new Float64Array(n).fill(Number.NaN) : undefined,
    status: new Uint8Array(n),
    count: new Uint32Array(n),
  };
  const sums = new Float64Array(n);
  let bucket = 0;
  for (let i = 0; i < series.length; i++) {
    const t = series.time[i] as number;
    if (t < (grid.starts[0] ?? Number.POSITIVE_INFINITY) || t >= grid.end) continue;
    while (bucket + 1 < n && (grid.starts[bucket + 1] as number) <= t) bucket++;
    if (out.count[bucket] === 0 && out.total) out.total[bucket] = series.total?.[i] as number;
    sums[bucket] = (sums[bucket] as number) + (series.value[i] as number);
    out.status[bucket] = (out.status[bucket] as number) | (series.status[i] as number);
    out.count[bucket] = (out.count[bucket] as number) + 1;
  }
  const level = series.source.instantaneous;
  for (let b = 0; b < n; b++) {
    const readings = out.count[b] as number;
    if (readings > 0) out.value[b] = level ? (sums[b] as number) / readings : (sums[b] as number);
  }
  return out;
}

/**
 * The periods of a year earlier laid onto this grid: each moved to the same local date and
 * time a year later (a week to the week it then falls in). Null where nothing lines up.
 */
export function alignYearEarlier(earlier: Aggregate, grid: Grid): (number | null)[] {
  const index = new Map(grid.starts.map((t, i) => [t, i]));
  const out: (number | null)[] = grid.starts.map(() => null);
  earlier.grid.starts.forEach((t, i) => {
    const value = earlier.value[i] as number;
    const j = index.get(periodStart(aYearLater(t, grid.zone), grid.period, grid.zone));
    // The hour the clocks go back happens twice: the first one stays.
    if (j !== undefined && out[j] === null && !Number.isNaN(value)) out[j] = value;
  });
  return out;
}
