import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonNumber } from "../../src/simulator/readings/format.js";

/** What a reading value must look like as JSON: JavaScript's own shortest form. */
const expected = (x: number) =>
  Number.isFinite(x) ? String(x) : Number.isNaN(x) ? '"NaN"' : x > 0 ? '"Infinity"' : '"-Infinity"';

describe("jsonNumber", () => {
  it("writes what String writes, for decimals of up to 8 places", () => {
    const decimal = fc
      .tuple(fc.maxSafeInteger(), fc.integer({ min: 0, max: 8 }))
      .map(([n, k]) => n / 10 ** k);
    fc.assert(
      fc.property(decimal, (x) => {
        expect(jsonNumber(x)).toBe(expected(x));
      }),
      { numRuns: 20_000 },
    );
  });

  it("writes what String writes for any double, and DCS's strings for the rest", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        expect(jsonNumber(x)).toBe(expected(x));
      }),
      { numRuns: 20_000 },
    );
    const edges = [0, -0, 1e-6, -1e-6, 9.99e-7, 0.1, 0.05, -0.05, 1e21, 2 ** 53, 2 ** 53 + 2];
    for (const x of [...edges, Number.MAX_SAFE_INTEGER, 999999999.999999, 123.000001]) {
      expect(jsonNumber(x)).toBe(expected(x));
    }
    expect(JSON.parse(jsonNumber(17217508.6))).toBe(17217508.6);
  });
});
