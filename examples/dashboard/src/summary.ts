/**
 * The summary cards' figures, from a source's half-hourly readings:
 *
 * - **Total consumption**: the sum of the consumption of every half hour (a register's
 *   `periodValue`, a virtual meter's `value`: the same meaning). Levels (kW, V) have none.
 * - **Peak demand**: the half hour with the most consumption, as a rate: kWh in the half hour
 *   × 2 = kW. For a level, its highest value.
 * - **Base load**: the 10th percentile (nearest rank) of the demand in the half hours from
 *   00:00 to 05:00 UK time, whatever zone the page shows: the building's night. A low
 *   percentile rather than the minimum, so one dropped or zero reading does not set it.
 * - **Interpolated**: the share of readings DCS filled in (status bit 1).
 *
 * Readings that are NaN or infinite count as readings but not towards these figures.
 */
import { INTERPOLATED, type Series } from "./series.js";
import { rateUnit, type SourceInfo } from "./sources.js";
import { formatDateTime, HALF_HOUR_MS, wallSlot, type Zone } from "./zone.js";

/** Base load looks at the half hours starting 00:00 to 04:30 UK time. */
export const NIGHT_SLOTS = 10;
export const BASE_LOAD_PERCENTILE = 10;
/** kWh in a half hour × 2 = kW. */
const HOUR_PER_HALF_HOUR = 2;

export interface Summary {
  source: SourceInfo;
  /** Half hours in the range, and readings received (fewer when DCS has gaps). */
  halfHours: number;
  readings: number;
  /** Readings without a finite value. */
  withoutValue: number;
  /** Sum of consumption in the source's unit; undefined for levels. */
  total: number | undefined;
  /** The highest half hour: its start, its consumption (undefined for levels), and its rate. */
  peak: { time: number; consumption: number | undefined; rate: number } | undefined;
  /** Night-time demand (or level), 10th percentile; undefined without night readings. */
  baseLoad: number | undefined;
  interpolated: number;
  /** Unit of `peak.rate` and `baseLoad`: kW for kWh. */
  rateUnit: string;
}

export function summarise(series: Series): Summary {
  const { source, length, time, value, status } = series;
  const level = source.instantaneous;
  // Consumption per half hour becomes a rate per hour; a level is its own rate.
  const perHour = level ? 1 : HOUR_PER_HALF_HOUR;
  let total = 0;
  let withoutValue = 0;
  let interpolated = 0;
  let peakIndex = -1;
  const night: number[] = [];
  for (let i = 0; i < length; i++) {
    if ((status[i] as number) & INTERPOLATED) interpolated++;
    const v = value[i] as number;
    if (!Number.isFinite(v)) {
      withoutValue++;
      continue;
    }
    total += v;
    if (peakIndex < 0 || v > (value[peakIndex] as number)) peakIndex = i;
    if (wallSlot(time[i] as number, "uk") < NIGHT_SLOTS) night.push(v * perHour);
  }
  night.sort((a, b) => a - b);
  const peakValue = value[peakIndex] as number;
  return {
    source,
    halfHours: Math.round((series.range.end - series.range.start) / HALF_HOUR_MS),
    readings: length,
    withoutValue,
    total: level ? undefined : total,
    peak:
      peakIndex < 0
        ? undefined
        : {
            time: time[peakIndex] as number,
            consumption: level ? undefined : peakValue,
            rate: peakValue * perHour,
          },
    baseLoad: night[Math.ceil((BASE_LOAD_PERCENTILE / 100) * night.length) - 1],
    interpolated,
    rateUnit: rateUnit(source),
  };
}

const formats = [0, 1, 2, 3].map(
  (digits) => new Intl.NumberFormat("en-GB", { maximumFractionDigits: digits }),
);

/** `123,457`, `412.6`, `35.25`, `0.125`: fewer decimals for bigger numbers. */
export function formatNumber(n: number): string {
  const size = Math.abs(n);
  const digits = size >= 1000 ? 0 : size >= 100 ? 1 : size >= 1 ? 2 : 3;
  return (formats[digits] as Intl.NumberFormat).format(n);
}

const percent = new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 1 });
const count = new Intl.NumberFormat("en-GB");

/** The cards' text: a headline figure and a line saying what it is. */
export interface SummaryText {
  total: { value: string; note: string };
  peak: { value: string; note: string };
  baseLoad: { value: string; note: string };
  interpolated: { value: string; note: string };
}

export function describeSummary(summary: Summary, zone: Zone): SummaryText {
  const { source, peak } = summary;
  const unit = source.unit;
  const coverage = `${count.format(summary.readings)} of ${count.format(summary.halfHours)} half hours${
    summary.withoutValue > 0 ? `, ${count.format(summary.withoutValue)} without a value` : ""
  }`;
  return {
    total:
      summary.total === undefined
        ? { value: "–", note: `A level (${unit}), not consumption: nothing to add up` }
        : { value: `${formatNumber(summary.total)} ${unit}`, note: coverage },
    peak: peak
      ? {
          value: `${formatNumber(peak.rate)} ${summary.rateUnit}`,
          note:
            peak.consumption === undefined
              ? `Highest level, at ${formatDateTime(peak.time, zone)}`
              : `${formatNumber(peak.consumption)} ${unit} in the half hour from ${formatDateTime(peak.time, zone)}`,
        }
      : { value: "–", note: "No readings" },
    baseLoad:
      summary.baseLoad === undefined
        ? { value: "–", note: "No readings between 00:00 and 05:00 UK time" }
        : {
            value: `${formatNumber(summary.baseLoad)} ${summary.rateUnit}`,
            note: `Night-time ${source.instantaneous ? "level" : "demand"}, 00:00–05:00 UK time (${BASE_LOAD_PERCENTILE}th percentile)`,
          },
    interpolated: {
      value: summary.readings === 0 ? "–" : percent.format(summary.interpolated / summary.readings),
      note: `${count.format(summary.interpolated)} readings filled in by DCS`,
    },
  };
}

/** `+3.2 % on a year earlier (119,600 kWh)`; undefined unless both totals are known. */
export function describeChange(summary: Summary, earlier: Summary): string | undefined {
  if (summary.total === undefined || earlier.total === undefined || earlier.total === 0) {
    return undefined;
  }
  const change = ((summary.total - earlier.total) / earlier.total) * 100;
  return `${change >= 0 ? "+" : "−"}${formatNumber(Math.abs(change))} % on a year earlier (${formatNumber(earlier.total)} ${summary.source.unit})`;
}
