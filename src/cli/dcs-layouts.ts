/**
 * Readings written in DCS's own file layouts (formats/), for `dcs export --as`:
 *
 * - `dcs-csv`: the default Coherent CSV layout of DCS's exports, which is also its import
 *   Format 1, so such a file can be imported into another DCS unchanged;
 * - `dcs-halfhour`: "CSV (by half hour period)", one row per day and one column per half hour
 *   (each half hour's consumption, or an instantaneous register's value), on UTC days or on
 *   UK local days (formats/half-hour-days.ts says how clock changes are laid out).
 */
import type { Writable } from "node:stream";
import { addPeriods, MINUTE_MS, type PeriodType } from "../core/periods.js";
import { csvLine } from "../formats/csv.js";
import { type DayRow, HalfHourDays, halfHourColumns } from "../formats/half-hour-days.js";
import { FORMAT_1_COLUMNS, format1Cells, type SourceLabel } from "../formats/metered-data.js";
import type { CliSource } from "./connect.js";
import { type RowShape, write, writeReadings } from "./output.js";

export const DCS_LAYOUTS = ["dcs-csv", "dcs-halfhour"] as const;
export type DcsLayout = (typeof DCS_LAYOUTS)[number];

/** What a file in a DCS layout is of: its source, the readings' period, the days' clock. */
export interface LayoutTarget {
  source: CliSource;
  period: PeriodType;
  /** UK local days (dcs-halfhour only). */
  ukLocal: boolean;
}

/** The columns before the half hours in the by-half-hour layout. */
const DAY_LEAD = ["Meter", "Name", "SerialNumber", "Register", "Unit", "Date"];

/** A source the meter lists did not describe is written with its id and blank names. */
function labelOf(source: CliSource): SourceLabel {
  return source.label ?? { meter: source.id, name: "", serialNumber: "", register: "", unit: "" };
}

/** Streams readings to `out` in a DCS layout; returns how many were written. */
export function writeDcsLayout<R>(
  readings: AsyncIterable<R>,
  shape: RowShape<R>,
  layout: DcsLayout,
  target: LayoutTarget,
  out: Writable,
  onRow?: (row: R) => void,
): Promise<number> {
  return layout === "dcs-csv"
    ? writeReadings(readings, format1Shape(shape, target), "csv", out, onRow)
    : writeHalfHourDays(readings, shape, target, out, onRow);
}

/** Each reading as a Format 1 row; a period's minutes follow from its start when not given. */
function format1Shape<R>(shape: RowShape<R>, target: LayoutTarget): RowShape<R> {
  const label = labelOf(target.source);
  return {
    ...shape,
    columns: FORMAT_1_COLUMNS,
    cells: (row) => {
      const start = shape.time(row).getTime();
      const { totalValue, periodValue, durationMinutes } = shape.metered(row);
      const minutes = durationMinutes ?? (addPeriods(start, target.period, 1) - start) / MINUTE_MS;
      return format1Cells(label, { start, durationMinutes: minutes, periodValue, totalValue });
    },
  };
}

async function writeHalfHourDays<R>(
  readings: AsyncIterable<R>,
  shape: RowShape<R>,
  target: LayoutTarget,
  out: Writable,
  onRow?: (row: R) => void,
): Promise<number> {
  const { meter, name, serialNumber, register, unit } = labelOf(target.source);
  const lead = [meter, name, serialNumber, register, unit];
  const days = new HalfHourDays(target.ukLocal);
  let buffer = csvLine([...DAY_LEAD, ...halfHourColumns(target.ukLocal)]);
  const add = async (rows: DayRow[]) => {
    for (const row of rows) buffer += csvLine([...lead, row.date, ...row.cells]);
    if (buffer.length >= 64 * 1024) {
      await write(out, buffer);
      buffer = "";
    }
  };
  let count = 0;
  for await (const row of readings) {
    const { totalValue, periodValue } = shape.metered(row);
    const value = target.source.isInstantaneous ? totalValue : periodValue;
    await add(days.add(shape.time(row).getTime(), value));
    count++;
    onRow?.(row);
  }
  await add(days.finish());
  await write(out, buffer);
  return count;
}
