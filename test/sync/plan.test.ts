/**
 * The rules of what a run fetches (plan.ts) and how a window changes the store (store.ts),
 * over many ranges, coverages and periods.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addPeriods,
  DAY_MS,
  floorToPeriod,
  isAligned,
  PERIOD_TYPES,
} from "../../src/core/periods.js";
import { planSpans, windowsOf } from "../../src/sync/plan.js";
import { compareWindow, type StoredReading, widenCoverage } from "../../src/sync/store.js";

const DAY = DAY_MS;
const T0 = Date.parse("2015-01-01T00:00:00Z");
const period = fc.constantFrom(...PERIOD_TYPES);
/** An instant on the period's grid within 2015-2035. */
const instant = (p: (typeof PERIOD_TYPES)[number]) =>
  fc.integer({ min: 0, max: 20 * 365 }).map((d) => floorToPeriod(T0 + d * DAY, p));

describe("windowsOf", () => {
  it("tiles the span with aligned windows no longer than asked (or one period)", () => {
    fc.assert(
      fc.property(
        period.chain((p) => fc.tuple(fc.constant(p), instant(p), instant(p))),
        fc.integer({ min: 1, max: 400 }),
        fc.boolean(),
        ([p, a, b], days, backward) => {
          const span = { from: Math.min(a, b), until: Math.max(a, b) };
          const windows = windowsOf(
            { span, direction: backward ? "backward" : "forward" },
            p,
            days,
          );
          const ordered = backward ? [...windows].reverse() : windows;
          let t = span.from;
          for (const w of ordered) {
            expect(w.from).toBe(t);
            expect(w.until).toBeGreaterThan(w.from);
            expect(isAligned(w.from, p)).toBe(true);
            const long = w.until - w.from <= days * DAY || w.until === addPeriods(w.from, p, 1);
            expect(long).toBe(true);
            t = w.until;
          }
          expect(t).toBe(span.until);
        },
      ),
    );
  });
});

describe("planSpans", () => {
  it("fetches within the request, and with the coverage covers all of it", () => {
    fc.assert(
      fc.property(
        fc.tuple(
          instant("halfHour"),
          instant("halfHour"),
          instant("halfHour"),
          instant("halfHour"),
        ),
        fc.option(fc.constant(0), { nil: undefined }),
        fc.integer({ min: 0, max: 30 }),
        ([a, b, c, d], noCoverage, lookbackDays) => {
          const requested = { from: Math.min(a, b), until: Math.max(a, b) };
          const coverage =
            noCoverage === undefined ? { from: Math.min(c, d), until: Math.max(c, d) } : undefined;
          const spans = planSpans({ requested, coverage, period: "halfHour", lookbackDays });
          for (const { span } of spans) {
            expect(span.from).toBeGreaterThanOrEqual(requested.from);
            expect(span.until).toBeLessThanOrEqual(requested.until);
          }
          // Every instant of the request is fetched, or covered and older than the look-back.
          const fetched = (t: number) => spans.some(({ span }) => span.from <= t && t < span.until);
          for (let t = requested.from; t < requested.until; t += 7 * DAY + 1_800_000) {
            const old =
              coverage &&
              coverage.until >= requested.from &&
              coverage.from <= requested.until &&
              t >= coverage.from &&
              t < coverage.until - lookbackDays * DAY;
            expect(fetched(t) || old).toBe(true);
          }
        },
      ),
    );
  });

  it("a run over what is covered fetches the look-back only", () => {
    const requested = { from: T0, until: T0 + 365 * DAY };
    expect(
      planSpans({ requested, coverage: requested, period: "halfHour", lookbackDays: 7 }),
    ).toEqual([
      { span: { from: requested.until - 7 * DAY, until: requested.until }, direction: "forward" },
    ]);
    expect(
      planSpans({ requested, coverage: requested, period: "halfHour", lookbackDays: 0 }),
    ).toEqual([]);
  });

  it("an earlier start is fetched backward from the coverage, newest window first", () => {
    const coverage = { from: T0 + 100 * DAY, until: T0 + 200 * DAY };
    const spans = planSpans({
      requested: { from: T0, until: coverage.until },
      coverage,
      period: "day",
      lookbackDays: 7,
    });
    expect(spans[0]).toEqual({ span: { from: T0, until: coverage.from }, direction: "backward" });
    const windows = windowsOf(spans[0]!, "day", 30);
    expect(windows[0]!.until).toBe(coverage.from);
    // Each window written meets the coverage so far, which grows without a hole.
    let covered = coverage;
    for (const w of windows) {
      covered = widenCoverage(covered, w);
    }
    expect(covered).toEqual({ from: T0, until: coverage.until });
  });
});

describe("widenCoverage and compareWindow", () => {
  it("widens only where the window meets the coverage; never claims what was not fetched", () => {
    expect(widenCoverage({ from: 10, until: 20 }, { from: 20, until: 30 })).toEqual({
      from: 10,
      until: 30,
    });
    expect(widenCoverage({ from: 10, until: 20 }, { from: 0, until: 10 })).toEqual({
      from: 0,
      until: 20,
    });
    expect(widenCoverage({ from: 10, until: 20 }, { from: 25, until: 30 })).toEqual({
      from: 25,
      until: 30,
    });
    expect(widenCoverage(undefined, { from: 1, until: 2 })).toEqual({ from: 1, until: 2 });
  });

  it("counts and writes exactly what differs", () => {
    const reading = fc.record({
      timestamp: fc.integer({ min: 0, max: 40 }),
      value: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
      status: fc.integer({ min: 0, max: 3 }),
      consumption: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
    });
    const unique = fc.uniqueArray(reading, { selector: (r) => r.timestamp });
    fc.assert(
      fc.property(unique, unique, (stored: StoredReading[], fetched: StoredReading[]) => {
        const { upserts, deletes, counts } = compareWindow(stored, fetched);
        // Applying the changes to what was stored gives what was fetched.
        const after = new Map(stored.map((r) => [r.timestamp, r]));
        for (const t of deletes) after.delete(t);
        for (const r of upserts) after.set(r.timestamp, r);
        const sorted = (rows: StoredReading[]) =>
          [...rows].sort((a, b) => a.timestamp - b.timestamp);
        expect(sorted([...after.values()])).toEqual(sorted(fetched));
        expect(counts.inserted + counts.updated).toBe(upserts.length);
        expect(counts.inserted + counts.updated + counts.unchanged).toBe(fetched.length);
        expect(counts.deleted).toBe(deletes.length);
      }),
    );
  });
});
