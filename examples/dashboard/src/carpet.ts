/**
 * The carpet plot's data: one column per local day, one row per half hour of the wall clock
 * (00:00 at the top), each cell the demand (kWh in the half hour × 2 = kW) or the level.
 * On the day the clocks go forward 01:00–02:00 never happens, so two cells stay empty; on
 * the day they go back it happens twice, and those cells hold the mean of both readings.
 */
import type { Series } from "./series.js";
import { rateUnit } from "./sources.js";
import { formatNumber } from "./summary.js";
import {
  type DateSpan,
  type Day,
  dayStart,
  formatDay,
  HALF_HOUR_MS,
  halfHoursInDay,
  localDay,
  wallSlot,
  weekdayName,
  type Zone,
  zoneName,
} from "./zone.js";

export const SLOTS = 48;

export interface Carpet {
  series: Series;
  zone: Zone;
  firstDay: Day;
  days: number;
  /** `days × SLOTS`, column by column (day-major): rate per cell, NaN when empty. */
  value: Float64Array;
  /** Readings in each cell: 0, 1, or 2 in the hour the clocks go back. */
  count: Uint8Array;
  /** The colour scale's ends: the 1st and 99th percentiles, so one spike does not wash it out. */
  low: number;
  high: number;
}

export function carpet(series: Series, span: DateSpan, zone: Zone): Carpet {
  const days = span.to - span.from + 1;
  const value = new Float64Array(days * SLOTS);
  const count = new Uint8Array(days * SLOTS);
  const perHour = series.source.instantaneous ? 1 : 2;
  for (let i = 0; i < series.length; i++) {
    const t = series.time[i] as number;
    const v = series.value[i] as number;
    const day = localDay(t, zone) - span.from;
    if (day < 0 || day >= days || !Number.isFinite(v)) continue;
    const cell = day * SLOTS + wallSlot(t, zone);
    value[cell] = (value[cell] as number) + v * perHour;
    count[cell] = (count[cell] as number) + 1;
  }
  const filled: number[] = [];
  for (let cell = 0; cell < value.length; cell++) {
    const n = count[cell] as number;
    if (n === 0) value[cell] = Number.NaN;
    else {
      value[cell] = (value[cell] as number) / n;
      filled.push(value[cell] as number);
    }
  }
  filled.sort((a, b) => a - b);
  const at = (q: number) => filled[Math.min(filled.length - 1, Math.floor(q * filled.length))];
  return {
    series,
    zone,
    firstDay: span.from,
    days,
    value,
    count,
    low: at(0.01) ?? 0,
    high: at(0.99) ?? 0,
  };
}

/** What a day is: `Sun 31/03/2024: 46 half hours (the clocks went forward)`. */
export function describeDay(day: Day, zone: Zone): string {
  const halfHours = halfHoursInDay(day, zone);
  const change =
    halfHours < 48 ? " (the clocks went forward)" : halfHours > 48 ? " (the clocks went back)" : "";
  return `${weekdayName(day)} ${formatDay(day)}: ${halfHours} half hours${change}`;
}

const clock = (slot: number): string =>
  `${String(Math.floor(slot / 2)).padStart(2, "0")}:${slot % 2 ? "30" : "00"}`;

/** One cell in words, for the readout beside the carpet (keyboard and mouse alike). */
export function describeCell(plot: Carpet, dayIndex: number, slot: number): string {
  const day = plot.firstDay + dayIndex;
  const { zone, series } = plot;
  const cell = dayIndex * SLOTS + slot;
  const n = plot.count[cell] as number;
  const times = `${clock(slot)}–${clock(slot + 1 === SLOTS ? 0 : slot + 1)}`;
  const first = firstOccurrence(day, slot, zone);
  let reading: string;
  if (first === undefined) reading = "never happens that day";
  else if (n === 0) reading = "no reading";
  else {
    const rate = `${formatNumber(plot.value[cell] as number)} ${rateUnit(series.source)}`;
    reading =
      n > 1
        ? `${rate}, the mean of ${n} readings (the clocks went back: this half hour happened twice)`
        : `${rate} (${zoneName(first, zone)})`;
  }
  return `${describeDay(day, zone)} · ${times}: ${reading}`;
}

/** The first instant of a day whose wall clock shows `slot`; none in the skipped hour. */
function firstOccurrence(day: Day, slot: number, zone: Zone): number | undefined {
  for (let t = dayStart(day, zone); t < dayStart(day + 1, zone); t += HALF_HOUR_MS) {
    if (wallSlot(t, zone) === slot) return t;
  }
  return undefined;
}
