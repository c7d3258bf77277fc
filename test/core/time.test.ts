import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DcsArgumentError } from "../../src/core/errors.js";
import {
  formatUtcDate,
  formatUtcSeconds,
  parseIsoDateTime,
  parseTimestamp,
  toInstant,
} from "../../src/core/time.js";

const instant = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 1000, max: Date.UTC(2200, 0, 1) / 1000 })
  .map((s) => s * 1000);

describe("timestamps", () => {
  it("reads the DCS form yyyy-MM-ddTHH:mm:ssZ exactly as Date.parse does", () => {
    fc.assert(
      fc.property(instant, (t) => {
        const text = formatUtcSeconds(t);
        expect(text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(parseTimestamp(text)).toBe(t);
        expect(parseTimestamp(text)).toBe(Date.parse(text));
      }),
    );
  });

  it("reads offsets and fractions as the same instant", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: -14 * 4, max: 14 * 4 }), (t, quarterHours) => {
        const offset = quarterHours * 15;
        const local = new Date(t + offset * 60_000);
        const sign = offset < 0 ? "-" : "+";
        const abs = Math.abs(offset);
        const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
        const text = `${local.toISOString().slice(0, 19)}.000${zone}`;
        expect(parseTimestamp(text)).toBe(t);
      }),
    );
  });

  it.each([
    "2024-02-30T00:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-01-01T24:00:00Z",
    "2024-01-01T00:60:00Z",
    "2024-01-01T00:00:00",
    "2024-01-01 00:00:00X",
    "2024-01-01T0a:00:00Z",
    "2024/01/01T00:00:00Z",
    "",
    "yesterday",
  ])("refuses %j", (text) => {
    expect(parseTimestamp(text)).toBeNaN();
  });

  it("reads zone-less times as UTC only when asked", () => {
    expect(parseIsoDateTime("2019-02-01T10:15:00")).toBeNaN();
    expect(parseIsoDateTime("2019-02-01T10:15:00", "utc")).toBe(Date.UTC(2019, 1, 1, 10, 15));
    expect(parseIsoDateTime("2019-02-01T10:15:00.1234567", "utc")).toBe(
      Date.UTC(2019, 1, 1, 10, 15, 0, 123),
    );
  });
});

describe("toInstant", () => {
  it("reads yyyy-mm-dd as midnight UTC, whatever the machine's zone", () => {
    expect(toInstant("2024-01-01", "start")).toBe(Date.UTC(2024, 0, 1));
    expect(formatUtcDate(toInstant("2024-07-31", "start"))).toBe("2024-07-31");
  });

  it("keeps Dates and zoned ISO strings as the instants they are", () => {
    const d = new Date("2024-06-01T12:30:00+01:00");
    expect(toInstant(d, "start")).toBe(d.getTime());
    expect(toInstant("2024-06-01T12:30:00+01:00", "start")).toBe(Date.UTC(2024, 5, 1, 11, 30));
  });

  it.each([
    ["2024-01-01T00:00", /add Z or an offset/],
    ["2024-02-30", /not a calendar date/],
    ["01/02/2024", /not "yyyy-mm-dd"/],
    [new Date("nope"), /invalid Date/],
    [1704067200000, /must be a Date or an ISO 8601 string/],
  ])("refuses %j with a clear DcsArgumentError", (input, message) => {
    expect(() => toInstant(input as never, "startTime")).toThrow(DcsArgumentError);
    expect(() => toInstant(input as never, "startTime")).toThrow(message);
  });
});

describe("the timestamp fast path", () => {
  it("agrees with the general ISO parser on every one-character change of a timestamp", () => {
    const alphabet = "0123456789-:TZz+. x/";
    fc.assert(
      fc.property(
        fc.date({
          min: new Date(Date.UTC(1000, 0, 1)),
          max: new Date(Date.UTC(9999, 11, 31)),
          noInvalidDate: true,
        }),
        fc.nat(19),
        fc.constantFrom(...alphabet),
        (date, at, char) => {
          const valid = date.toISOString().replace(/\.\d{3}Z$/, "Z");
          const text = valid.slice(0, at) + char + valid.slice(at + 1);
          const general = parseIsoDateTime(text);
          expect(parseTimestamp(text)).toBe(general);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("timestamps in runs of one day", () => {
  // parseTimestamp keeps the last day it read; runs of the same day, valid or not, with bad
  // times between them, must read as each text alone does.
  const day = fc.constantFrom(
    "2024-02-28",
    "2024-02-29",
    "2023-02-29", // no such day
    "2024-12-31",
    "2024-12-32", // no such day
    "0000-00-00", // the starting key of the cache
    "0050-06-15", // years below 100 are not 1900-1999
    "9999-12-31",
  );
  const time = fc.record({
    hour: fc.integer({ min: 0, max: 25 }),
    minute: fc.integer({ min: 0, max: 61 }),
    second: fc.constantFrom(0, 30, 59, 60),
  });
  const two = (n: number) => String(n).padStart(2, "0");
  // Times of the right length that are not a time: a known day's text must still be checked.
  const oddTime = fc.constantFrom("T1x:00:00", "T12:00-00", "T12 00:00", "T12:0:000", "T+1:00:00");
  const anyTime = fc.oneof(
    time.map((t) => `T${two(t.hour)}:${two(t.minute)}:${two(t.second)}`),
    oddTime,
  );

  it("reads every text as the general parser does, whatever came before", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(day, anyTime), { maxLength: 60 }), (texts) => {
        for (const [d, t] of texts) {
          const text = `${d}${t}Z`;
          const alone = parseIsoDateTime(text);
          expect(parseTimestamp(text)).toBe(alone);
          if (!Number.isNaN(alone)) expect(alone).toBe(Date.parse(text));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("reads years 0-99 as themselves", () => {
    expect(parseTimestamp("0050-06-15T12:00:00Z")).toBe(Date.parse("0050-06-15T12:00:00Z"));
    expect(new Date(parseTimestamp("0001-01-01T00:00:00Z")).getUTCFullYear()).toBe(1);
  });
});

describe("calendar validity", () => {
  it("knows every month's length, leap years included, as Date does", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1600, max: 2400 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 28, max: 31 }),
        (year, month, day) => {
          const text = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T00:00:00Z`;
          const real = new Date(Date.UTC(year, month, 0)).getUTCDate() >= day;
          expect(Number.isNaN(parseTimestamp(text))).toBe(!real);
        },
      ),
    );
  });
});
