import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DcsValidationError } from "../../src/core/errors.js";
import { DcsWebApi } from "../../src/index.js";
import { decodeHeader, fitsReadingsHeader } from "../../src/readings/header.js";
import { readingsHeaderWire } from "../../src/schemas/readings.js";
import { startReadingsServer } from "../helpers/readings-server.js";

/** Values near and across every rule of the header schema. */
const anything = fc.oneof(
  fc.constantFrom("", "halfHour", "hour", "day", "week", "month", "HalfHour", "year", null, true),
  fc.constantFrom([], {}, 1.5, -0, 2 ** 53, -1, 0, 30),
  fc.double(),
  fc.string(),
);
const instant = fc.oneof(
  fc
    .date({ noInvalidDate: true, min: new Date(0), max: new Date(4e12) })
    .map((d) => d.toISOString().replace(".000Z", "Z")),
  fc.constantFrom(
    "2024-01-01T00:00:00Z",
    "2024-03-31T02:00:00+01:00",
    "2024-01-01T00:00:00",
    "2024-02-30T00:00:00Z",
    "2024-01-01",
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  anything,
);
/** Mostly a valid value, sometimes anything, sometimes absent: each rule gets tested alone. */
const field = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: valid, weight: 6 },
    { arbitrary: anything, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 },
  );
const header = fc
  .record({
    startTime: field(instant),
    endTime: field(instant),
    name: field(fc.string()),
    periodType: field(fc.constantFrom("halfHour", "hour", "day", "week", "month")),
    unit: field(fc.string()),
    readingDuration: field(fc.integer({ min: 0, max: 1440 })),
    duration: field(fc.integer({ min: 0, max: 1440 })),
    extra: field(anything),
  })
  .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));

describe("readings header", () => {
  it("the hot-path check accepts and rejects exactly what the zod schema does", () => {
    fc.assert(
      fc.property(header, (raw) => {
        expect(fitsReadingsHeader(raw)).toBe(readingsHeaderWire.safeParse(raw).success);
      }),
      { numRuns: 5000 },
    );
  });

  it("decodes instants and keeps unknown members; a bad header names the field", () => {
    const members = new Map<string, unknown>([
      ["startTime", "2024-01-01T00:00:00Z"],
      ["endTime", "2024-01-02T00:00:00+01:00"],
      ["name", "Main: kWh"],
      ["periodType", "hour"],
      ["unit", "kWh"],
      ["duration", 60],
      ["site", "North"],
    ]);
    expect(decodeHeader(members, {}, false)).toEqual({
      startTime: new Date("2024-01-01T00:00:00Z"),
      endTime: new Date("2024-01-01T23:00:00Z"),
      name: "Main: kWh",
      periodType: "hour",
      unit: "kWh",
      duration: 60,
      readingDuration: 60,
      site: "North",
    });
    members.set("periodType", "fortnight");
    const error = (() => {
      try {
        decodeHeader(members, {}, true);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DcsValidationError);
    expect((error as DcsValidationError).issues[0]?.path).toEqual(["periodType"]);
  });
});

describe("readings header members that name a prototype", () => {
  it("a __proto__ member stays data: the result keeps its prototype, in readings() and largeReadings()", async () => {
    const server = await startReadingsServer({
      extraHeader: '"__proto__":{"polluted":true,"name":"not the name"},',
    });
    try {
      const dcs = new DcsWebApi(server.webApiUrl);
      const range = { startTime: "2024-01-01", endTime: "2024-01-04", periodType: "day" as const };
      const calls = [
        () => dcs.readings("R1", range),
        () => dcs.largeReadings("R1", { ...range, maxWindowDays: 1 }),
      ];
      for (const call of calls) {
        const res = await call();
        expect(await res.readings.toArray()).toHaveLength(3);
        expect(Object.getPrototypeOf(res)).toBe(Object.prototype);
        expect((res as unknown as Record<string, unknown>).polluted).toBeUndefined();
        expect(res.name).toBe("Main: kWh");
        expect(Object.getOwnPropertyDescriptor(res, "__proto__")?.value).toEqual({
          polluted: true,
          name: "not the name",
        });
      }
    } finally {
      await server.close();
    }
  });
});
