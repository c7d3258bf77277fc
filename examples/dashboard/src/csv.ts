/**
 * "Download CSV": what the page shows, in the columns `dcs readings` prints
 * (`timestamp,value,consumption,status`), so a file from either opens the same way. `value`
 * is what DCS calls the value: a register's running total, a virtual meter's consumption, an
 * instantaneous source's level; `consumption` lines up across sources (a register's
 * `periodValue`, a virtual meter's value) and is empty for instantaneous sources. With several
 * sources an `id` column comes first, and sources follow one another, as
 * `dcs readings R701 R731 VM11` writes them.
 *
 * At half hours the rows are DCS's readings as they came. In longer periods each row is a
 * period of the page's zone, timestamped at its start (as an instant, in UTC): consumption
 * added up, a level averaged, the running total at the period's first reading, the status
 * bits OR-ed. Periods without readings are left out, and so are weeks and months the dates
 * cut (as on the chart).
 */
import { aggregate, periodGrid } from "./aggregate.js";
import type { Series } from "./series.js";
import { type DateSpan, isoDay, type Period, type Zone } from "./zone.js";

export interface CsvFile {
  name: string;
  text: string;
}

export interface CsvView {
  span: DateSpan;
  period: Period;
  zone: Zone;
}

/** The columns `dcs readings` prints, for every kind of source. */
export const CSV_COLUMNS = ["timestamp", "value", "consumption", "status"] as const;

/** `2024-01-01T00:00:00Z`, as `dcs readings` writes instants. */
function isoUtc(t: number): string {
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
}

/** A virtual meter's value to its decimal places, as DCS rounds it (no 156.20000000000002). */
function rounded(value: number, places: number | undefined): number {
  return places === undefined || !Number.isFinite(value) ? value : Number(value.toFixed(places));
}

/** One file of every source shown, one after the other. */
export function csvFile(shown: readonly Series[], view: CsvView): CsvFile {
  const withId = shown.length > 1;
  const lines = [(withId ? ["id", ...CSV_COLUMNS] : CSV_COLUMNS).join(",")];
  for (const series of shown) {
    const rows = aggregate(series, periodGrid(series.range, view.period, view.zone));
    const places = series.source.decimalPlaces;
    const level = series.source.instantaneous;
    rows.grid.starts.forEach((start, i) => {
      if (rows.count[i] === 0) return;
      const value = rounded(rows.value[i] as number, places);
      const cells = rows.total
        ? [isoUtc(start), rows.total[i], value, rows.status[i]]
        : [isoUtc(start), value, level ? "" : value, rows.status[i]];
      lines.push((withId ? [series.source.id, ...cells] : cells).join(","));
    });
  }
  const suffix = `${isoDay(view.span.from)}-to-${isoDay(view.span.to)}-${view.period}`;
  return {
    name: `${shown.map((s) => s.source.id).join("-")}-${suffix}.csv`,
    text: `${lines.join("\n")}\n`,
  };
}
