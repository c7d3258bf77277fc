/**
 * "Download CSV": what the page shows, in the columns `dcs readings` prints, so a file from
 * either opens the same way. Cumulative registers come in the `complete` format
 * (`timestamp,totalValue,periodValue,status`), virtual meters and instantaneous registers in
 * the standard one (`timestamp,value,status`); with several sources an `id` column comes
 * first, and sources follow one another, as `dcs readings R701 R731` writes them. Like
 * `dcs readings`, one file never mixes columns: registers and virtual meters shown together
 * give one file for each.
 *
 * At half hours the rows are DCS's readings as they came. In longer periods each row is a
 * period of the page's zone, timestamped at its start (as an instant, in UTC): consumption
 * added up, a level averaged, the running total at the period's first reading, the status
 * bits OR-ed. Periods without readings are left out, and so are weeks and months the dates
 * cut (as on the chart).
 */
import { aggregate, periodGrid } from "./aggregate.js";
import { readingsFormat, type Series } from "./series.js";
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

/** The columns of one source, as `dcs readings` names them. */
export function csvColumns(series: Series): string[] {
  return readingsFormat(series.source) === "complete"
    ? ["timestamp", "totalValue", "periodValue", "status"]
    : ["timestamp", "value", "status"];
}

/** `2024-01-01T00:00:00Z`, as `dcs readings` writes instants. */
function isoUtc(t: number): string {
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
}

/** A virtual meter's value to its decimal places, as DCS rounds it (no 156.20000000000002). */
function rounded(value: number, places: number | undefined): number {
  return places === undefined || !Number.isFinite(value) ? value : Number(value.toFixed(places));
}

export function csvFiles(shown: readonly Series[], view: CsvView): CsvFile[] {
  const groups = new Map<string, Series[]>();
  for (const series of shown) {
    const key = csvColumns(series).join(",");
    groups.set(key, [...(groups.get(key) ?? []), series]);
  }
  const suffix = `${isoDay(view.span.from)}-to-${isoDay(view.span.to)}-${view.period}`;
  return [...groups].map(([columns, members]) => {
    const withId = members.length > 1;
    const lines = [withId ? `id,${columns}` : columns];
    for (const series of members) {
      const rows = aggregate(series, periodGrid(series.range, view.period, view.zone));
      const places = series.source.decimalPlaces;
      rows.grid.starts.forEach((start, i) => {
        if (rows.count[i] === 0) return;
        const value = rounded(rows.value[i] as number, places);
        const cells = rows.total
          ? [isoUtc(start), rows.total[i], value, rows.status[i]]
          : [isoUtc(start), value, rows.status[i]];
        lines.push((withId ? [series.source.id, ...cells] : cells).join(","));
      });
    }
    return {
      name: `${members.map((s) => s.source.id).join("-")}-${suffix}.csv`,
      text: `${lines.join("\n")}\n`,
    };
  });
}
