/**
 * Periods, the carpet and the CSV of the dashboard (aggregate.ts, carpet.ts, csv.ts), on
 * hand-made series: sums that add up across zones and clock changes, whole periods only.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  aggregate,
  alignYearEarlier,
  autoPeriod,
  leftOut,
  periodGrid,
} from "../../examples/dashboard/src/aggregate.js";
import { carpet, describeCell, SLOTS } from "../../examples/dashboard/src/carpet.js";
import { csvFile } from "../../examples/dashboard/src/csv.js";
import {
  type DateSpan,
  dayOf,
  formatPeriod,
  halfHoursInDay,
  localDay,
  type Period,
  rangeOf,
  yearEarlier,
  type Zone,
} from "../../examples/dashboard/src/zone.js";
import { ENERGY, makeSeries, POWER, VIRTUAL } from "./fixtures.js";

const YEAR_2024: DateSpan = { from: dayOf(2024, 1, 1), to: dayOf(2024, 12, 31) };

describe("dashboard periods", () => {
  it("adds up every half hour once, in whole local periods, in either zone", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayOf(2019, 1, 1), max: dayOf(2030, 1, 1) }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom<Zone>("uk", "utc"),
        fc.constantFrom<Period>("halfHour", "hour", "day", "week", "month"),
        (from, days, zone, period) => {
          const span = { from, to: from + days - 1 };
          const range = rangeOf(span, zone);
          // Whole numbers, so sums are exact whatever the order.
          const series = makeSeries(ENERGY, range, (_t, i) => (i * 7919) % 13);
          const grid = periodGrid(range, period, zone);
          const rows = aggregate(series, grid);
          let inGrid = 0;
          let sum = 0;
          for (let i = 0; i < series.length; i++) {
            const t = series.time[i] as number;
            if (t >= (grid.starts[0] ?? Number.POSITIVE_INFINITY) && t < grid.end) {
              inGrid++;
              sum += series.value[i] as number;
            }
          }
          expect(rows.count.reduce((a, b) => a + b, 0)).toBe(inGrid);
          expect(rows.value.reduce((a, b) => a + b, 0)).toBe(sum);
          // What the grid leaves out plus what it holds is the whole range.
          const out = leftOut(grid, range).reduce((n, part) => n + part.end - part.start, 0);
          expect(out + (grid.starts.length ? grid.end - (grid.starts[0] as number) : 0)).toBe(
            range.end - range.start,
          );
          if (period === "day") {
            grid.starts.forEach((t, i) => {
              expect(rows.count[i]).toBe(halfHoursInDay(localDay(t, zone), zone));
            });
          }
        },
      ),
      { seed: 19, numRuns: 200 },
    );
  });

  it("counts 46 and 50 half hours into the clock-change days in UK time, 48 in UTC", () => {
    const span = { from: dayOf(2024, 3, 30), to: dayOf(2024, 10, 28) };
    for (const [zone, march, october] of [
      ["uk", 46, 50],
      ["utc", 48, 48],
    ] as const) {
      const range = rangeOf(span, zone);
      const rows = aggregate(
        makeSeries(ENERGY, range, () => 1),
        periodGrid(range, "day", zone),
      );
      expect(rows.count[1]).toBe(march); // Sun 31/03/2024
      expect(rows.value[1]).toBe(march);
      expect(rows.count[211]).toBe(october); // Sun 27/10/2024
      expect(formatPeriod(rows.grid.starts[211] as number, "day", zone)).toBe("Sun 27/10/2024");
    }
  });

  it("keeps whole weeks and months only, and says what it left out", () => {
    const range = rangeOf(YEAR_2024, "uk");
    const weeks = periodGrid(range, "week", "uk");
    expect(weeks.starts).toHaveLength(52); // Mon 01/01/2024 to the week ending Sun 29/12
    expect(leftOut(weeks, range)).toEqual([
      { start: Date.UTC(2024, 11, 30), end: Date.UTC(2025, 0, 1) },
    ]);
    const months = periodGrid(
      rangeOf({ from: dayOf(2024, 1, 15), to: dayOf(2024, 4, 30) }, "uk"),
      "month",
      "uk",
    );
    expect(months.starts.map((t) => formatPeriod(t, "month", "uk"))).toEqual([
      "February 2024",
      "March 2024",
      "April 2024",
    ]);
    expect(
      periodGrid(rangeOf({ from: dayOf(2024, 1, 3), to: dayOf(2024, 1, 5) }, "uk"), "week", "uk")
        .starts,
    ).toEqual([]);
  });

  it("averages a level, runs totals from the first reading, ORs status, and lets a NaN show", () => {
    const day = rangeOf({ from: dayOf(2024, 1, 1), to: dayOf(2024, 1, 2) }, "utc");
    const grid = periodGrid(day, "day", "utc");
    const level = aggregate(
      makeSeries(POWER, day, (_t, i) => (i < 48 ? 10 : 30)),
      grid,
    );
    expect([...level.value]).toEqual([10, 30]);
    expect(level.total).toBeUndefined();
    const energy = aggregate(
      makeSeries(
        ENERGY,
        day,
        (_t, i) => (i === 60 ? Number.NaN : 1),
        (_t, i) => (i === 5 ? 1 : 0),
      ),
      grid,
    );
    expect([...energy.value]).toEqual([48, Number.NaN]);
    expect([...energy.total!]).toEqual([1000, 1048]);
    expect([...energy.status]).toEqual([1, 0]);
  });

  it("chooses the period from the points the chart has room for", () => {
    const year = rangeOf(YEAR_2024, "uk");
    expect(autoPeriod(year, 383)).toBe("day");
    expect(autoPeriod(year, 110)).toBe("week");
    expect(autoPeriod(year, 20)).toBe("month");
    expect(autoPeriod(year, 5)).toBe("month");
    const week = rangeOf({ from: dayOf(2024, 1, 1), to: dayOf(2024, 1, 7) }, "uk");
    expect(autoPeriod(week, 383)).toBe("halfHour");
    expect(autoPeriod(week, 200)).toBe("hour");
  });

  it("lays a year earlier onto this year's dates; 29 February has no year-earlier day", () => {
    const zone = "uk";
    const now = rangeOf(YEAR_2024, zone);
    const before = rangeOf(yearEarlier(YEAR_2024), zone);
    const grid = periodGrid(now, "day", zone);
    const earlier = aggregate(
      makeSeries(ENERGY, before, (t) => localDay(t, zone)),
      periodGrid(before, "day", zone),
    );
    const aligned = alignYearEarlier(earlier, grid);
    const index = (d: number) => grid.starts.indexOf(rangeOf({ from: d, to: d }, zone).start);
    expect(aligned[index(dayOf(2024, 3, 1))]).toBe(48 * dayOf(2023, 3, 1));
    expect(aligned[index(dayOf(2024, 2, 29))]).toBeNull();
    // 29/10/2023 was the day the clocks went back: 50 half hours.
    expect(aligned[index(dayOf(2024, 10, 29))]).toBe(50 * dayOf(2023, 10, 29));
    expect(aligned.filter((v) => v !== null)).toHaveLength(365);
  });
});

describe("dashboard carpet", () => {
  const span = { from: dayOf(2024, 3, 30), to: dayOf(2024, 10, 28) };

  it("has a cell per local day and wall-clock half hour: the skipped hour empty, the repeated one averaged", () => {
    const range = rangeOf(span, "uk");
    const plot = carpet(
      makeSeries(ENERGY, range, (_t, i) => i % 4),
      span,
      "uk",
    );
    expect(plot.days).toBe(213);
    const cell = (day: number, slot: number) => day * SLOTS + slot;
    expect(plot.count[cell(1, 2)]).toBe(0); // 31/03 01:00 never happens
    expect(plot.count[cell(1, 3)]).toBe(0);
    expect(plot.count[cell(1, 4)]).toBe(1);
    expect(plot.count[cell(211, 2)]).toBe(2); // 27/10 01:00 happens twice
    expect(plot.count.reduce((a, b) => a + b, 0)).toBe((range.end - range.start) / 1_800_000);
    // kWh in a half hour × 2 = kW
    expect(plot.value[cell(0, 1)]).toBe(2);
    expect(describeCell(plot, 1, 2)).toBe(
      "Sun 31/03/2024: 46 half hours (the clocks went forward) · 01:00–01:30: never happens that day",
    );
    expect(describeCell(plot, 1, 4)).toBe(
      "Sun 31/03/2024: 46 half hours (the clocks went forward) · 02:00–02:30: 4 kW (BST)",
    );
    expect(describeCell(plot, 211, 3)).toMatch(
      /^Sun 27\/10\/2024: 50 half hours \(the clocks went back\) · 01:30–02:00: [\d.]+ kW, the mean of 2 readings/,
    );
    expect(describeCell(plot, 0, 47)).toBe(
      "Sat 30/03/2024: 48 half hours · 23:30–00:00: 6 kW (GMT)",
    );
    expect(plot.low).toBe(0);
    expect(plot.high).toBe(6);
  });

  it("is 48 half hours every day in UTC, and says where readings are missing", () => {
    const range = rangeOf(span, "utc");
    const plot = carpet(
      makeSeries(POWER, range, (_t, i) => (i === 49 ? undefined : 5)),
      span,
      "utc",
    );
    expect(plot.count.every((n, i) => n === (i === 49 ? 0 : 1))).toBe(true);
    expect(describeCell(plot, 1, 1)).toBe(
      "Sun 31/03/2024: 48 half hours · 00:30–01:00: no reading",
    );
    expect(describeCell(plot, 1, 2)).toBe(
      "Sun 31/03/2024: 48 half hours · 01:00–01:30: 5 kW (UTC)",
    );
  });
});

describe("dashboard CSV", () => {
  const week = { from: dayOf(2024, 6, 3), to: dayOf(2024, 6, 9) };
  const range = rangeOf(week, "uk");

  it("writes half hours as DCS sent them, in dcs readings' columns, every source in one file", () => {
    const a = makeSeries(
      ENERGY,
      range,
      (_t, i) => (i === 2 ? Number.NaN : 0.1 * i),
      (_t, i) => i % 3,
    );
    const b = makeSeries({ ...ENERGY, id: "R731" }, range, () => 2.5);
    const vm = makeSeries(VIRTUAL, range, (_t, i) => (i === 0 ? Number.POSITIVE_INFINITY : 1.15));
    const file = csvFile([a, vm, b], { span: week, period: "halfHour", zone: "uk" });
    expect(file.name).toBe("R701-VM11-R731-2024-06-03-to-2024-06-09-halfHour.csv");
    const lines = file.text.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "id,timestamp,value,consumption,status",
      "R701,2024-06-02T23:00:00Z,1000,0,0",
      "R701,2024-06-02T23:30:00Z,1000,0.1,1",
      "R701,2024-06-03T00:00:00Z,1000.1,NaN,2",
    ]);
    expect(lines).toHaveLength(1 + 3 * 336 + 1); // header, rows, and a final newline
    expect(lines.slice(1 + 336, 1 + 336 + 2)).toEqual([
      "VM11,2024-06-02T23:00:00Z,Infinity,Infinity,0",
      "VM11,2024-06-02T23:30:00Z,1.15,1.15,0",
    ]);
    expect(lines[1 + 2 * 336]).toBe("R731,2024-06-02T23:00:00Z,1000,2.5,0");
  });

  it("writes longer periods as the page shows them: local days at their start, VM sums to its places", () => {
    const vm = makeSeries(VIRTUAL, range, (_t, i) => (i < 48 ? 0.1 : undefined));
    const file = csvFile([vm], { span: week, period: "day", zone: "uk" });
    // 48 × 0.1 added up in floating point is 4.799999999999999; DCS would say 4.8.
    expect(file.text).toBe("timestamp,value,consumption,status\n2024-06-02T23:00:00Z,4.8,4.8,0\n");
    const utcRange = rangeOf(week, "utc");
    const energy = makeSeries(ENERGY, utcRange, () => 0.5);
    const utc = csvFile([energy], { span: week, period: "day", zone: "utc" });
    expect(utc.text.split("\n").slice(0, 3)).toEqual([
      "timestamp,value,consumption,status",
      "2024-06-03T00:00:00Z,1000,24,0",
      "2024-06-04T00:00:00Z,1024,24,0",
    ]);
    expect(utc.text.trimEnd().split("\n")).toHaveLength(8);
  });
});
