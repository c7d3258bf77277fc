import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addPeriods,
  DAY_MS,
  floorToPeriod,
  isAligned,
  PERIOD_TYPES,
  parsePeriodType,
  periodsBetween,
} from "../../src/core/periods.js";
import { maxWindowMs, nextWindowEnd, planWindows } from "../../src/readings/planner.js";

const period = fc.constantFrom(...PERIOD_TYPES);
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });

describe("period grid", () => {
  it("floors onto the grid: weeks start on Monday, months on the 1st", () => {
    fc.assert(
      fc.property(instant, period, (t, p) => {
        const f = floorToPeriod(t, p);
        expect(f).toBeLessThanOrEqual(t);
        expect(isAligned(f, p)).toBe(true);
        expect(addPeriods(f, p, 1)).toBeGreaterThan(t);
        const d = new Date(f);
        if (p === "week") expect(d.getUTCDay()).toBe(1);
        if (p === "month") expect(d.getUTCDate()).toBe(1);
        if (p !== "halfHour") expect(d.getUTCMinutes()).toBe(0);
      }),
    );
  });

  it("counts whole periods between aligned instants", () => {
    fc.assert(
      fc.property(instant, period, fc.integer({ min: 0, max: 400 }), (t, p, n) => {
        const start = floorToPeriod(t, p);
        expect(periodsBetween(start, addPeriods(start, p, n), p)).toBe(n);
      }),
    );
  });

  it("adds calendar months, not 31-day blocks", () => {
    expect(new Date(addPeriods(Date.UTC(2024, 0, 1), "month", 1)).toISOString()).toBe(
      "2024-02-01T00:00:00.000Z",
    );
    expect(new Date(addPeriods(Date.UTC(2024, 1, 1), "month", 1)).toISOString()).toBe(
      "2024-03-01T00:00:00.000Z",
    );
    expect(new Date(addPeriods(Date.UTC(2023, 11, 1), "month", 14)).toISOString()).toBe(
      "2025-02-01T00:00:00.000Z",
    );
  });
});

describe("period names", () => {
  it("parsePeriodType reads the five names in any case, as pythondcs and the server do, and nothing else", () => {
    const anyCase = fc
      .tuple(period, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }))
      .map(([p, upper]) => ({
        canonical: p,
        text: [...p].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(""),
      }));
    fc.assert(
      fc.property(anyCase, ({ canonical, text }) => {
        expect(parsePeriodType(text)).toBe(canonical);
      }),
      { seed: 15 },
    );
    expect(parsePeriodType("halfhour")).toBe("halfHour");
    expect(parsePeriodType("HALFHOUR")).toBe("halfHour");
    for (const text of [
      "",
      "half hour",
      "half-hour",
      " day",
      "days",
      "year",
      "toString",
      "constructor",
    ]) {
      expect(parsePeriodType(text)).toBeUndefined();
    }
  });
});

describe("chunk planner", () => {
  it("covers the range exactly with aligned windows no longer than allowed", () => {
    fc.assert(
      fc.property(
        instant,
        period,
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 400 }),
        (t, p, n, days) => {
          const start = floorToPeriod(t, p);
          const end = addPeriods(start, p, n);
          const span = maxWindowMs(days);
          const windows = planWindows(start, end, p, span);
          expect(windows[0]?.start).toBe(start);
          expect(windows.at(-1)?.end).toBe(end);
          windows.forEach((w, i) => {
            expect(w.end).toBeGreaterThan(w.start);
            expect(isAligned(w.start, p) && isAligned(w.end, p)).toBe(true);
            if (i > 0) expect(w.start).toBe(windows[i - 1]?.end);
            // a window is longer than allowed only when one period alone is.
            if (periodsBetween(w.start, w.end, p) > 1)
              expect(w.end - w.start).toBeLessThanOrEqual(span);
          });
        },
      ),
    );
  });

  it("splits by calendar months: a year of months in 365-day windows", () => {
    const windows = planWindows(Date.UTC(2023, 0, 1), Date.UTC(2025, 0, 1), "month", 365 * DAY_MS);
    // 2023's twelve months are 365 days; 2024 is a leap year, so its window stops after 11.
    expect(windows.map((w) => new Date(w.start).toISOString().slice(0, 10))).toEqual([
      "2023-01-01",
      "2024-01-01",
      "2024-12-01",
    ]);
  });

  it("always advances by at least one period", () => {
    expect(nextWindowEnd(Date.UTC(2024, 0, 1), Date.UTC(2024, 5, 1), "month", DAY_MS)).toBe(
      Date.UTC(2024, 1, 1),
    );
  });

  it("refuses a nonsensical window size", () => {
    expect(() => maxWindowMs(0)).toThrow(/maxWindowDays/);
    expect(() => maxWindowMs(Number.NaN)).toThrow(/maxWindowDays/);
  });
});
