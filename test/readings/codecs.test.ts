import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  completeReadingCodec,
  legacyReadingCodec,
  type ReadingCodec,
  standardReadingCodec,
} from "../../src/readings/codecs.js";

/** Values near and across every rule of the schemas. */
const anything = fc.oneof(
  fc.constantFrom("NaN", "Infinity", "-Infinity", "nan", "", "1", null, true, false, [], {}),
  fc.double(),
  fc.integer({ min: -5, max: 5 }),
  fc.constant(2 ** 53),
  fc.constant(1.5),
  fc.string(),
);
const timestamp = fc.oneof(
  fc.constantFrom(
    "2024-01-01T00:00:00Z",
    "2024-03-31T02:00:00+01:00",
    "2024-01-01T00:00:00.5Z",
    "2024-01-01T00:00:00",
    "2024-02-30T00:00:00Z",
    "2024-01-01",
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  anything,
);

const field = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 5 });

const candidates = {
  standard: fc.record({
    timestamp: field(timestamp),
    value: field(anything),
    status: field(anything),
    extra: field(anything),
  }),
  complete: fc.record({
    timestamp: field(timestamp),
    totalValue: field(anything),
    periodValue: field(anything),
    status: field(anything),
  }),
  legacy: fc.record({
    id: field(anything),
    startTime: field(timestamp),
    duration: field(anything),
    totalValue: field(anything),
    periodValue: field(anything),
    isGenerated: field(anything),
    isInterpolated: field(anything),
  }),
};

const strip = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function equivalent(codec: ReadingCodec<unknown>, arb: fc.Arbitrary<Record<string, unknown>>) {
  fc.assert(
    fc.property(fc.oneof(arb.map(strip), anything), (candidate) => {
      const zodAccepts = codec.schema.safeParse(candidate).success;
      const copy = structuredClone(candidate);
      const decoded = codec.decode(copy);
      expect(decoded !== undefined).toBe(zodAccepts);
    }),
    { numRuns: 5000 },
  );
}

describe("hot-path reading checks accept and reject exactly what the zod schemas do", () => {
  it("standard", () =>
    equivalent(standardReadingCodec as ReadingCodec<unknown>, candidates.standard));
  it("complete", () =>
    equivalent(completeReadingCodec as ReadingCodec<unknown>, candidates.complete));
  it("legacy", () => equivalent(legacyReadingCodec as ReadingCodec<unknown>, candidates.legacy));

  it("decodes values and times, keeping unknown fields", () => {
    const r = standardReadingCodec.decode({
      timestamp: "2024-01-01T00:30:00Z",
      value: "-Infinity",
      status: 3,
      note: "x",
    });
    expect(r).toEqual({
      timestamp: new Date(Date.UTC(2024, 0, 1, 0, 30)),
      value: -Infinity,
      status: 3,
      note: "x",
    });
  });

  it("leaves a refused element untouched, so the schema can explain it", () => {
    const element = { timestamp: "2024-01-01T00:00:00Z", value: "lots", status: 0 };
    expect(standardReadingCodec.decode(element)).toBeUndefined();
    expect(element.timestamp).toBe("2024-01-01T00:00:00Z");
  });
});
