/**
 * The dashboard's time module (examples/dashboard/src/zone.ts): UK local days from Intl,
 * checked against the simulator's hand-written UK clock, across every clock change.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addYears,
  aYearLater,
  DAY_MS,
  dayOf,
  dayStart,
  formatDateTime,
  formatPeriod,
  HALF_HOUR_MS,
  halfHoursInDay,
  localDay,
  nextPeriodStart,
  offsetMs,
  type Period,
  parseDate,
  periodStart,
  rangeOf,
  wallSlot,
  weekdayName,
  type Zone,
} from "../../examples/dashboard/src/zone.js";
import { ukOffsetMs } from "../../src/core/uk-time.js";

const SEED = { seed: 19, numRuns: 300 };
// The EU rule (last Sundays of March and October) holds in the UK from 1996 on.
const FIRST = Date.UTC(1996, 0, 1);
const LAST = Date.UTC(2037, 11, 1);
const halfHour = fc
  .integer({ min: FIRST / HALF_HOUR_MS, max: LAST / HALF_HOUR_MS })
  .map((n) => n * HALF_HOUR_MS);
const day = fc.integer({ min: FIRST / DAY_MS, max: LAST / DAY_MS });
const zone = fc.constantFrom<Zone>("uk", "utc");
const period = fc.constantFrom<Period>("halfHour", "hour", "day", "week", "month");

/** The day number of the last Sunday of a month (1-based month). */
function lastSunday(year: number, month: number): number {
  const last = dayOf(year, month + 1, 0);
  return last - ((last + 4) % 7); // day 0 was a Thursday: (d + 4) % 7 is 0 on Sundays
}

describe("dashboard time zones", () => {
  it("reads the UK offset from Intl as the simulator's own UK clock computes it", () => {
    fc.assert(
      fc.property(halfHour, (t) => {
        expect(offsetMs(t, "uk")).toBe(ukOffsetMs(t));
        expect(offsetMs(t, "utc")).toBe(0);
      }),
      SEED,
    );
    // And every half hour around each clock change, where an off-by-one would hide.
    for (let year = 1996; year <= 2037; year++) {
      for (const month of [3, 10]) {
        const change = lastSunday(year, month) * DAY_MS;
        for (let t = change - DAY_MS; t < change + 2 * DAY_MS; t += HALF_HOUR_MS) {
          expect(offsetMs(t, "uk")).toBe(ukOffsetMs(t));
        }
      }
    }
  });

  it("gives UK days 46 half hours when the clocks go forward, 50 when they go back, else 48", () => {
    fc.assert(
      fc.property(day, (d) => {
        const year = new Date(d * DAY_MS).getUTCFullYear();
        const expected = d === lastSunday(year, 3) ? 46 : d === lastSunday(year, 10) ? 50 : 48;
        expect(halfHoursInDay(d, "uk")).toBe(expected);
        expect(halfHoursInDay(d, "utc")).toBe(48);
      }),
      SEED,
    );
  });

  it("buckets half-hourly readings into local days: 46/48/50 of them, on the wall clock's slots", () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), zone, (first, days, z) => {
        const range = rangeOf({ from: first, to: first + days - 1 }, z);
        const perDay = new Map<number, number[]>();
        for (let t = range.start; t < range.end; t += HALF_HOUR_MS) {
          const d = localDay(t, z);
          perDay.set(d, [...(perDay.get(d) ?? []), wallSlot(t, z)]);
        }
        expect([...perDay.keys()]).toEqual(Array.from({ length: days }, (_, i) => first + i));
        for (const [d, slots] of perDay) {
          const n = halfHoursInDay(d, z);
          expect(slots).toHaveLength(n);
          const wallSlots =
            n === 46
              ? [0, 1, ...Array.from({ length: 44 }, (_, i) => i + 4)] // 01:00-02:00 never happens
              : n === 50
                ? [0, 1, 2, 3, ...Array.from({ length: 46 }, (_, i) => i + 2)] // 01:00-02:00 twice
                : Array.from({ length: 48 }, (_, i) => i);
          expect(slots).toEqual(wallSlots);
        }
      }),
      { seed: 19, numRuns: 150 },
    );
  });

  it("finds every clock change day of 2024 with its own length", () => {
    expect(halfHoursInDay(dayOf(2024, 3, 31), "uk")).toBe(46);
    expect(halfHoursInDay(dayOf(2024, 10, 27), "uk")).toBe(50);
    expect(halfHoursInDay(dayOf(2024, 3, 31), "utc")).toBe(48);
    expect(dayStart(dayOf(2024, 7, 1), "uk")).toBe(Date.UTC(2024, 5, 30, 23));
  });

  it("starts periods on local midnights, Mondays and the 1st, and steps to the next one", () => {
    fc.assert(
      fc.property(halfHour, period, zone, (t, p, z) => {
        const start = periodStart(t, p, z);
        const next = nextPeriodStart(start, p, z);
        expect(start).toBeLessThanOrEqual(t);
        expect(next).toBeGreaterThan(t);
        expect(periodStart(start, p, z)).toBe(start);
        expect(periodStart(next, p, z)).toBe(next);
        if (p === "day" || p === "week" || p === "month") expect(wallSlot(start, z)).toBe(0);
        if (p === "week") expect(weekdayName(localDay(start, z))).toBe("Mon");
        if (p === "month") expect(new Date(start + offsetMs(start, z)).getUTCDate()).toBe(1);
      }),
      SEED,
    );
  });

  it("reads dates in UK order (or ISO) and refuses what is not a date", () => {
    expect(parseDate("31/12/2024")).toBe(dayOf(2024, 12, 31));
    expect(parseDate(" 1/2/2024 ")).toBe(dayOf(2024, 2, 1));
    expect(parseDate("2024-12-31")).toBe(dayOf(2024, 12, 31));
    expect(parseDate("12/31/2024")).toBeUndefined(); // US order: there is no month 31
    expect(parseDate("30/02/2024")).toBeUndefined();
    expect(parseDate("yesterday")).toBeUndefined();
  });

  it("formats instants the UK way, with GMT, BST or UTC, whatever the machine's locale", () => {
    expect(formatDateTime(Date.UTC(2024, 2, 31, 0, 30), "uk")).toBe("31/03/2024 00:30 GMT");
    expect(formatDateTime(Date.UTC(2024, 2, 31, 1), "uk")).toBe("31/03/2024 02:00 BST");
    expect(formatDateTime(Date.UTC(2024, 2, 31, 1), "utc")).toBe("31/03/2024 01:00 UTC");
    expect(formatPeriod(dayStart(dayOf(2024, 3, 31), "uk"), "day", "uk")).toBe("Sun 31/03/2024");
    expect(formatPeriod(Date.UTC(2024, 2, 1), "month", "utc")).toBe("March 2024");
  });

  it("moves dates and wall-clock times by a year, 29 February to the 28th", () => {
    expect(addYears(dayOf(2024, 2, 29), -1)).toBe(dayOf(2023, 2, 28));
    expect(addYears(dayOf(2023, 7, 14), 1)).toBe(dayOf(2024, 7, 14));
    // 14:00 BST on 14/07/2023 is 14:00 BST on 14/07/2024.
    expect(aYearLater(Date.UTC(2023, 6, 14, 13), "uk")).toBe(Date.UTC(2024, 6, 14, 13));
    expect(aYearLater(Date.UTC(2023, 0, 14, 13), "utc")).toBe(Date.UTC(2024, 0, 14, 13));
  });
});
