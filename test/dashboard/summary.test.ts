/** The summary cards' figures (examples/dashboard/src/summary.ts). */
import { describe, expect, it } from "vitest";
import {
  describeChange,
  describeSummary,
  formatNumber,
  summarise,
} from "../../examples/dashboard/src/summary.js";
import { dayOf, rangeOf, wallSlot } from "../../examples/dashboard/src/zone.js";
import { ENERGY, makeSeries, POWER, VIRTUAL } from "./fixtures.js";

// A week of June: BST, so UK night (00:00-05:00) is 23:00-04:00 UTC.
const JUNE_WEEK = rangeOf({ from: dayOf(2024, 6, 3), to: dayOf(2024, 6, 9) }, "uk");

describe("dashboard summary", () => {
  it("adds up consumption, finds the peak half hour as kW, and counts interpolated readings", () => {
    const series = makeSeries(
      ENERGY,
      JUNE_WEEK,
      (_t, i) => (i === 100 ? 50 : i % 7),
      (_t, i) => (i % 10 === 0 ? 1 : i % 10 === 5 ? 2 : 0), // interpolated; reset is not counted
    );
    const summary = summarise(series);
    let total = 0;
    for (let i = 0; i < 336; i++) total += i === 100 ? 50 : i % 7;
    expect(summary).toMatchObject({
      halfHours: 336,
      readings: 336,
      withoutValue: 0,
      total,
      peak: { time: JUNE_WEEK.start + 100 * 1_800_000, consumption: 50, rate: 100 },
      interpolated: 34,
      rateUnit: "kW",
    });
  });

  it("takes base load from 00:00-05:00 UK time, as the 10th percentile, in any season", () => {
    // Consumption follows the UK wall clock: 1 kWh at 00:00, 2 at 00:30 ... so night demand
    // is 2, 4, ... 20 kW each night, and its 10th percentile the lowest, 2 kW.
    const uk = (range: typeof JUNE_WEEK) =>
      summarise(makeSeries(ENERGY, range, (t) => wallSlot(t, "uk") + 1));
    expect(uk(JUNE_WEEK).baseLoad).toBe(2);
    const january = rangeOf({ from: dayOf(2024, 1, 8), to: dayOf(2024, 1, 14) }, "uk");
    expect(uk(january).baseLoad).toBe(2);
    // The nearest rank: of 20 night values (two nights) the 10th percentile is the 2nd lowest.
    const twoNights = rangeOf({ from: dayOf(2024, 1, 8), to: dayOf(2024, 1, 9) }, "uk");
    let n = 20;
    const ranked = summarise(
      makeSeries(ENERGY, twoNights, (t) => (wallSlot(t, "uk") < 10 ? n-- : 100)),
    );
    expect(ranked.baseLoad).toBe(2 * 2);
  });

  it("leaves NaN and infinite readings out of the figures, and says how many", () => {
    const series = makeSeries(ENERGY, JUNE_WEEK, (_t, i) =>
      i === 3 ? Number.NaN : i === 4 ? Number.POSITIVE_INFINITY : 1,
    );
    const summary = summarise(series);
    expect(summary).toMatchObject({ readings: 336, withoutValue: 2, total: 334 });
    expect(summary.peak?.rate).toBe(2);
    expect(describeSummary(summary, "uk").total.note).toBe(
      "336 of 336 half hours, 2 without a value",
    );
  });

  it("treats a level (kW) as a level: no total, its highest value, its night-time low", () => {
    const series = makeSeries(POWER, JUNE_WEEK, (t) => wallSlot(t, "uk") * 10);
    const summary = summarise(series);
    expect(summary.total).toBeUndefined();
    expect(summary.peak).toMatchObject({ consumption: undefined, rate: 470 });
    expect(summary.baseLoad).toBe(0);
    const text = describeSummary(summary, "uk");
    expect(text.total).toEqual({
      value: "–",
      note: "A level (kW), not consumption: nothing to add up",
    });
    expect(text.peak.value).toBe("470 kW");
    expect(text.peak.note).toMatch(/^Highest level, at 03\/06\/2024 23:30 BST$/);
    expect(text.baseLoad.note).toBe("Night-time level, 00:00–05:00 UK time (10th percentile)");
  });

  it("says what each figure is, with the unit, in the zone shown", () => {
    const series = makeSeries(VIRTUAL, JUNE_WEEK, (_t, i) => (i === 1 ? 1234.5 : 10));
    const summary = summarise(series);
    expect(describeSummary(summary, "uk")).toEqual({
      total: { value: "4,585 kWh", note: "336 of 336 half hours" },
      peak: {
        value: "2,469 kW",
        note: "1,235 kWh in the half hour from 03/06/2024 00:30 BST",
      },
      baseLoad: {
        value: "20 kW",
        note: "Night-time demand, 00:00–05:00 UK time (10th percentile)",
      },
      interpolated: { value: "0%", note: "0 readings filled in by DCS" },
    });
    expect(describeSummary(summary, "utc").peak.note).toBe(
      "1,235 kWh in the half hour from 02/06/2024 23:30 UTC",
    );
    const earlier = summarise(makeSeries(VIRTUAL, JUNE_WEEK, () => 10));
    expect(describeChange(summary, earlier)).toBe("+36.44 % on a year earlier (3,360 kWh)");
    expect(describeChange(earlier, summary)).toBe("−26.71 % on a year earlier (4,585 kWh)");
  });

  it("formats numbers the UK way, with fewer decimals for bigger numbers", () => {
    expect([123456.7, 412.66, 35.254, 0.1254, -1500].map(formatNumber)).toEqual([
      "123,457",
      "412.7",
      "35.25",
      "0.125",
      "-1,500",
    ]);
  });
});
