/** Hand-made series for the dashboard's unit tests. */
import type { Series } from "../../examples/dashboard/src/series.js";
import type { SourceInfo } from "../../examples/dashboard/src/sources.js";
import { HALF_HOUR_MS, type Range } from "../../examples/dashboard/src/zone.js";

export const ENERGY: SourceInfo = {
  id: "R701",
  kind: "register",
  meter: "Medical School Main Incomer",
  name: "Active Energy (import)",
  unit: "kWh",
  instantaneous: false,
  decimalPlaces: undefined,
};

export const POWER: SourceInfo = {
  id: "R703",
  kind: "register",
  meter: "Medical School Main Incomer",
  name: "Active Power",
  unit: "kW",
  instantaneous: true,
  decimalPlaces: undefined,
};

export const VIRTUAL: SourceInfo = {
  id: "VM11",
  kind: "virtualMeter",
  meter: "Virtual meter",
  name: "Site Electricity",
  unit: "kWh",
  instantaneous: false,
  decimalPlaces: 2,
};

/**
 * A reading every half hour of `range` (unless `value` gives undefined: a gap), with
 * `status` bits; a cumulative register's total runs on from 1000.
 */
export function makeSeries(
  source: SourceInfo,
  range: Range,
  value: (t: number, i: number) => number | undefined,
  status: (t: number, i: number) => number = () => 0,
): Series {
  const time: number[] = [];
  const values: number[] = [];
  const totals: number[] = [];
  const statuses: number[] = [];
  let total = 1000;
  for (let t = range.start, i = 0; t < range.end; t += HALF_HOUR_MS, i++) {
    const v = value(t, i);
    if (v === undefined) continue;
    time.push(t);
    values.push(v);
    totals.push(total);
    statuses.push(status(t, i));
    if (Number.isFinite(v)) total += v;
  }
  const cumulative = source.kind === "register" && !source.instantaneous;
  return {
    source,
    range,
    length: time.length,
    time: Float64Array.from(time),
    value: Float64Array.from(values),
    total: cumulative ? Float64Array.from(totals) : undefined,
    status: Uint8Array.from(statuses),
  };
}
