import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ukAddPeriods,
  ukFloorToPeriod,
  ukOffsetMs,
  ukWallToUtc,
  utcToUkWall,
} from "../../src/core/uk-time.js";
import { StampWriter } from "../../src/simulator/readings/format.js";

const HOUR = 3_600_000;
const utc = (s: string) => Date.parse(s);
/** UK local time with its offset, as the legacy API writes it with useLocalTime. */
const formatUk = (t: number) => new StampWriter(true).format(t);

describe("UK local time", () => {
  it("switches to BST at 01:00 UTC on the last Sunday of March and back on the last Sunday of October", () => {
    expect(ukOffsetMs(utc("2024-03-31T00:59:59Z"))).toBe(0);
    expect(ukOffsetMs(utc("2024-03-31T01:00:00Z"))).toBe(HOUR);
    expect(ukOffsetMs(utc("2024-10-27T00:59:59Z"))).toBe(HOUR);
    expect(ukOffsetMs(utc("2024-10-27T01:00:00Z"))).toBe(0);
    expect(ukOffsetMs(utc("2023-03-26T01:00:00Z"))).toBe(HOUR);
    expect(ukOffsetMs(utc("2023-03-25T12:00:00Z"))).toBe(0);
    expect(ukOffsetMs(utc("2025-10-26T00:30:00Z"))).toBe(HOUR);
    expect(ukOffsetMs(utc("2025-01-15T12:00:00Z"))).toBe(0);
  });

  it("writes local times with their offset", () => {
    expect(formatUk(utc("2024-06-01T12:00:00Z"))).toBe("2024-06-01T13:00:00+01:00");
    expect(formatUk(utc("2024-12-01T12:00:00Z"))).toBe("2024-12-01T12:00:00+00:00");
    expect(formatUk(utc("2024-05-31T23:00:00Z"))).toBe("2024-06-01T00:00:00+01:00");
  });

  it("lays days on local midnights: 23 and 25 hours on clock-change days", () => {
    const spring = ukFloorToPeriod(utc("2024-03-31T12:00:00Z"), "day");
    expect(spring).toBe(utc("2024-03-31T00:00:00Z"));
    expect(ukAddPeriods(spring, "day", 1) - spring).toBe(23 * HOUR);
    const autumn = ukFloorToPeriod(utc("2024-10-27T12:00:00Z"), "day");
    expect(autumn).toBe(utc("2024-10-26T23:00:00Z"));
    expect(ukAddPeriods(autumn, "day", 1) - autumn).toBe(25 * HOUR);
    expect(ukFloorToPeriod(utc("2024-06-03T12:00:00Z"), "week")).toBe(utc("2024-06-02T23:00:00Z")); // Monday 00:00 BST
    expect(ukFloorToPeriod(utc("2024-07-15T12:00:00Z"), "month")).toBe(utc("2024-06-30T23:00:00Z"));
    expect(ukAddPeriods(utc("2024-02-29T00:00:00Z"), "month", 1)).toBe(utc("2024-03-29T00:00:00Z"));
    expect(ukAddPeriods(utc("2024-03-01T00:00:00Z"), "month", 1)).toBe(utc("2024-03-31T23:00:00Z"));
  });

  it("reads wall-clock times back to instants (first occurrence of a repeated hour)", () => {
    expect(ukWallToUtc(utc("2024-06-01T00:00:00Z"))).toBe(utc("2024-05-31T23:00:00Z"));
    expect(ukWallToUtc(utc("2024-01-01T00:00:00Z"))).toBe(utc("2024-01-01T00:00:00Z"));
    expect(ukWallToUtc(utc("2024-10-27T01:30:00Z"))).toBe(utc("2024-10-27T00:30:00Z"));
  });

  it("round-trips any instant through wall-clock time, except the repeated autumn hour", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc("2000-01-01T00:00:00Z"), max: utc("2040-01-01T00:00:00Z") }),
        (t) => {
          const back = ukWallToUtc(utcToUkWall(t));
          expect(back === t || back === t - HOUR).toBe(true);
          const start = ukFloorToPeriod(t, "day");
          expect(start).toBeLessThanOrEqual(t);
          expect(ukAddPeriods(start, "day", 1)).toBeGreaterThan(t);
          expect(formatUk(start).slice(11, 19)).toBe("00:00:00");
        },
      ),
    );
  });
});
