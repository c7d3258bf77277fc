/**
 * Fuzzing (issue #9): malformed and adversarial bodies through the whole client stack
 * (transport, streaming decoder, header and reading codecs, zod schemas), for both clients.
 * Every body must end in valid data or a typed `DcsError`: never another exception, a hang,
 * or a value held in memory without bound. Seeds are fixed, so failures reproduce.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DcsError,
  DcsProtocolError,
  DcsSession,
  DcsValidationError,
  DcsWebApi,
  type LegacyReading,
  type StandardReading,
} from "../../src/index.js";
import { signInResultSchema } from "../../src/schemas/account.js";
import { restrictionProfileSchema, userSchema } from "../../src/schemas/admin.js";
import { meterSchema, registerSchema, virtualMeterSchema } from "../../src/schemas/estate.js";
import {
  completeReadingWire,
  legacyReadingWire,
  readingsHeaderWire,
  standardReadingWire,
} from "../../src/schemas/readings.js";
import {
  calibrationReadingsPageSchema,
  idcSchema,
  meterGroupSchema,
  meterTypeSchema,
  modbusDeviceSchema,
} from "../../src/schemas/unofficial.js";
import { validate } from "../../src/schemas/validate.js";
import { chunkedBody } from "../helpers/chunked-body.js";
import { watchUnhandledRejections } from "./helpers.js";

const encoder = new TextEncoder();
watchUnhandledRejections();

/** A fetch that answers every request with `text`, as JSON, with status 200. */
const serving =
  (text: string, cuts: number[] = []) =>
  async () =>
    new Response(chunkedBody(text, inRange(text, cuts)), {
      headers: { "content-type": "application/json" },
    });

const day = { startTime: "2024-01-01", endTime: "2024-01-02" };
const BASE = "https://dcs.test";

/** The calls under test, each fed the same body. */
const targets = {
  webReadings: async (text: string, cuts: number[]) => {
    const dcs = new DcsWebApi(`${BASE}/DCSWebApi`, { fetch: serving(text, cuts), retry: false });
    const res = await dcs.readings("R1", day);
    const readings = await res.readings.toArray();
    for (const r of readings) expectStandard(r);
    expect(res.startTime).toBeInstanceOf(Date);
    return readings;
  },
  legacyReadings: async (text: string, cuts: number[]) => {
    const dcs = new DcsSession(`${BASE}/DCS`, { fetch: serving(text, cuts), retry: false });
    const readings = await dcs.getReadings(1, false, { start: "2024-01-01", end: "2024-01-02" });
    for (const r of readings) expectLegacy(r);
    return readings;
  },
  meters: async (text: string, cuts: number[]) => {
    const dcs = new DcsWebApi(`${BASE}/DCSWebApi`, { fetch: serving(text, cuts), retry: false });
    return dcs.meters();
  },
  meterTree: async (text: string, cuts: number[]) => {
    const dcs = new DcsSession(`${BASE}/DCS`, { fetch: serving(text, cuts), retry: false });
    return [await dcs.getMeterTree()];
  },
};

function expectStandard(r: StandardReading): void {
  expect(Number.isNaN(r.timestamp.getTime())).toBe(false);
  expect(typeof r.value).toBe("number");
  expect(Number.isSafeInteger(r.status) && r.status >= 0).toBe(true);
}

function expectLegacy(r: LegacyReading): void {
  expect(Number.isNaN(r.startTime.getTime())).toBe(false);
  expect(typeof r.totalValue).toBe("number");
  expect(typeof r.periodValue).toBe("number");
  expect(typeof r.isGenerated).toBe("boolean");
}

/** Runs a target: valid data, or a typed error; anything else, or a hang, fails the test. */
async function survive(
  target: (text: string, cuts: number[]) => Promise<unknown[]>,
  text: string,
  cuts: number[] = [],
): Promise<"data" | DcsError> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hung on ${text.slice(0, 80)}`)), 10_000);
  });
  try {
    await Promise.race([target(text, cuts), hang]);
    return "data";
  } catch (error) {
    if (error instanceof DcsError) return error;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

// ---- generators ----------------------------------------------------------------------------

const timestamp = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 })
  .map((s) => new Date(s * 1000).toISOString().replace(".000Z", "Z"));

/** A value that may or may not fit a field: anything JSON can hold, and edge cases. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom("NaN", "Infinity", "-Infinity", "", "2024-02-30T00:00:00Z", "1e999"),
  fc.double(),
  fc.string({ unit: "binary" }),
);

/** A reading with each field kept, dropped or replaced by something else. */
const field = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 6, arbitrary: valid.map((v) => ({ v })) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: anyValue.map((v) => ({ v })) },
  );
const standardReading = fc
  .record({
    timestamp: field(timestamp),
    value: field(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant("NaN"))),
    status: field(fc.nat(3)),
    extra: field(fc.jsonValue({ maxDepth: 2 })),
  })
  .map((r) =>
    Object.fromEntries(Object.entries(r).flatMap(([k, f]) => (f === undefined ? [] : [[k, f.v]]))),
  );
const legacyReading = fc
  .record({
    id: field(fc.nat()),
    startTime: field(timestamp),
    duration: field(fc.constant(30)),
    totalValue: field(fc.double({ noNaN: true, noDefaultInfinity: true })),
    periodValue: field(fc.double({ noNaN: true, noDefaultInfinity: true })),
    isGenerated: field(fc.boolean()),
    isInterpolated: field(fc.boolean()),
  })
  .map((r) =>
    Object.fromEntries(Object.entries(r).flatMap(([k, f]) => (f === undefined ? [] : [[k, f.v]]))),
  );
const header = {
  startTime: "2024-01-01T00:00:00Z",
  endTime: "2024-01-02T00:00:00Z",
  name: "M: R",
  periodType: "halfHour",
  unit: "kWh",
  readingDuration: 0,
};

/** Small random edits of a text: insert, delete or replace characters at random places. */
const mutated = (text: fc.Arbitrary<string>) =>
  fc
    .tuple(
      text,
      fc.array(
        fc.tuple(
          fc.nat(),
          fc.nat(3),
          fc.constantFrom(...'{}[]",:\\0123456789eE.-+ntfa \u00e9\ud83c'),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([t, edits]) => {
      let out = t;
      for (const [at, del, ch] of edits) {
        const i = at % (out.length + 1);
        out = out.slice(0, i) + ch + out.slice(i + del);
      }
      return out;
    });

const cuts = fc.array(fc.nat(), { maxLength: 6 });

/** Documents from `doc`, mutated ones and any JSON, in random chunkings: `target` survives. */
async function fuzzBodies(
  target: Parameters<typeof survive>[0],
  doc: fc.Arbitrary<string>,
  seed: number,
): Promise<void> {
  const bodies = fc.oneof(
    doc,
    mutated(doc),
    fc.jsonValue().map((v) => JSON.stringify(v)),
  );
  await fc.assert(
    fc.asyncProperty(bodies, cuts, async (text, at) => {
      await survive(target, text, at);
    }),
    { numRuns: 300, seed },
  );
}

describe("fuzzing the readings decoder through both clients", () => {
  it("DcsWebApi.readings: random documents with broken, missing and odd fields", async () => {
    const doc = fc
      .tuple(fc.array(standardReading, { maxLength: 8 }), fc.boolean(), fc.nat(3))
      .map(([readings, headerFirst, drop]) => {
        const h = { ...header } as Record<string, unknown>;
        delete h[Object.keys(header)[drop] as string];
        return JSON.stringify(headerFirst ? { ...h, readings } : { readings, ...h });
      });
    await fuzzBodies(targets.webReadings, doc, 901);
  });

  it("DcsSession.getReadings: random arrays with broken, missing and odd fields", async () => {
    const doc = fc.array(legacyReading, { maxLength: 8 }).map((r) => JSON.stringify(r));
    await fuzzBodies(targets.legacyReadings, doc, 902);
  });

  it("a fully valid document always decodes, whatever the chunking", async () => {
    // Valid readings lie in the day asked for, in time order.
    const inDay = fc
      .uniqueArray(fc.nat(86_399), { maxLength: 20 })
      .map((seconds) => seconds.sort((a, b) => a - b))
      .map((seconds) =>
        seconds.map((s) =>
          new Date(Date.UTC(2024, 0, 1) + s * 1000).toISOString().replace(".000Z", "Z"),
        ),
      );
    const valid = inDay.chain((stamps) =>
      fc.tuple(
        ...stamps.map((stamp) =>
          fc.record({
            timestamp: fc.constant(stamp),
            value: fc.double({ noNaN: true, noDefaultInfinity: true }),
            status: fc.nat(3),
          }),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(valid, cuts, async (readings, at) => {
        const text = JSON.stringify({ ...header, readings });
        expect(await survive(targets.webReadings, text, at)).toBe("data");
      }),
      { numRuns: 100, seed: 903 },
    );
  });
});

describe("fuzzing the schemas", () => {
  const schemas = {
    meterSchema,
    registerSchema,
    virtualMeterSchema,
    signInResultSchema,
    standardReadingWire,
    completeReadingWire,
    legacyReadingWire,
    readingsHeaderWire,
    calibrationReadingsPageSchema,
    idcSchema,
    meterGroupSchema,
    meterTypeSchema,
    modbusDeviceSchema,
    userSchema,
    restrictionProfileSchema,
  };

  it.each(Object.entries(schemas))(
    "%s: any JSON is a result or a DcsValidationError",
    (_, schema) => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 4 }), (data) => {
          try {
            validate(schema, data, "fuzz");
          } catch (error) {
            expect(error).toBeInstanceOf(DcsError);
            expect((error as Error).message).toMatch(/^Unexpected fuzz/);
          }
        }),
        { numRuns: 200, seed: 904 },
      );
    },
  );

  it("meters() over HTTP-shaped bodies: random and mutated JSON", async () => {
    const meters = fc
      .array(
        fc.record({
          id: fc.oneof(fc.nat(), anyValue),
          name: fc.oneof(fc.string(), anyValue),
          registers: fc.array(fc.record({ id: fc.nat(), unit: anyValue }), { maxLength: 2 }),
        }),
        { maxLength: 4 },
      )
      .map((m) => JSON.stringify(m));
    await fc.assert(
      fc.asyncProperty(fc.oneof(meters, mutated(meters)), cuts, async (text, at) => {
        await survive(targets.meters, text, at);
      }),
      { numRuns: 200, seed: 905 },
    );
  });
});

describe("adversarial bodies", () => {
  const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
  const reading = `{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":0}`;
  const webDoc = (readings: string, extra = "") =>
    `{${extra}${JSON.stringify(header).slice(1, -1)},"readings":[${readings}]}`;
  const big = "x".repeat(10 * 1024 * 1024);
  const tree = (n: number) =>
    `${'{"id":1,"name":"g","meterGroups":['.repeat(n)}{"id":2,"name":"leaf"}${"]}".repeat(n)}`;

  it("a meter tree nested deeper than the stack allows is a DcsValidationError", async () => {
    const outcome = await survive(targets.meterTree, tree(100_000));
    expect(outcome).toBeInstanceOf(DcsValidationError);
    expect((outcome as DcsError).message).toMatch(/nested too deeply to check/);
  });

  it.each([
    [
      "deep nesting inside a reading",
      "webReadings",
      webDoc(`{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":0,"x":${deep(100_000)}}`),
    ],
    ["deep nesting as a header value", "webReadings", webDoc(reading, `"x":${deep(100_000)},`)],
    ["deep nesting as a reading", "legacyReadings", `[${deep(100_000)}]`],
    [
      "deep nesting in the meter list",
      "meters",
      `[{"id":1,"name":"m","registers":[],"x":${deep(100_000)}}]`,
    ],
    ["a meter tree 5,000 groups deep", "meterTree", tree(5_000)],
    [
      "a huge number literal",
      "webReadings",
      webDoc(`{"timestamp":"2024-01-01T00:00:00Z","value":${"9".repeat(100_000)},"status":0}`),
    ],
    [
      "a number beyond double range",
      "webReadings",
      webDoc(`{"timestamp":"2024-01-01T00:00:00Z","value":1e400,"status":0}`),
    ],
    [
      "a status beyond safe integers",
      "webReadings",
      webDoc(`{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":9007199254740993}`),
    ],
    [
      "a year 275760 timestamp",
      "webReadings",
      webDoc(`{"timestamp":"+275760-09-13T00:00:01Z","value":1,"status":0}`),
    ],
    [
      "lone surrogates and control characters",
      "webReadings",
      webDoc(reading, `"name":"\\ud800\\udfff\\u0000\\u001f\u2028",`),
    ],
    [
      "unicode keys and values",
      "legacyReadings",
      `[{"id":1,"startTime":"2024-01-01T00:00:00Z","duration":30,"totalValue":1,"periodValue":1,"isGenerated":false,"isInterpolated":false,"名前":"🌍","\\u0000":"\\ud83c"}]`,
    ],
    [
      "duplicate keys in a reading",
      "webReadings",
      webDoc(`{"timestamp":"2024-01-01T00:00:00Z","value":1,"value":"lots","status":0}`),
    ],
    [
      "duplicate readings arrays",
      "webReadings",
      `${webDoc(reading).slice(0, -1)},"readings":[${reading}]}`,
    ],
    ["duplicate header keys", "webReadings", webDoc(reading, `"unit":"MWh","unit":5,`)],
    [
      "readings with missing fields",
      "webReadings",
      webDoc(`{"timestamp":"2024-01-01T00:00:00Z"},{"value":1},{}`),
    ],
    [
      "a 10 MB string in a reading",
      "webReadings",
      webDoc(`{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":0,"s":"${big}"}`),
    ],
    ["a 10 MB string as a header value", "webReadings", webDoc(reading, `"s":"${big}",`)],
    ["a 10 MB legacy reading field", "legacyReadings", `[{"id":"${big}"}]`],
    ["a 10 MB meter name", "meters", `[{"id":1,"name":"${big}","registers":[]}]`],
    [
      "10 MB of whitespace before the JSON",
      "webReadings",
      `${" ".repeat(10 * 1024 * 1024)}${webDoc(reading)}`,
    ],
    ["10 MB of open brackets", "legacyReadings", `[${"[".repeat(10 * 1024 * 1024)}`],
  ] as const)("%s: data or a typed error", async (_, target, text) => {
    const outcome = await survive(targets[target], text, [1, 4096, 65_536, 1_000_000]);
    if (outcome !== "data") expect(outcome).toBeInstanceOf(DcsError);
  });

  it("a 10 MB value arriving in network-sized chunks is refused, not buffered", async () => {
    const text = webDoc(`{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":0,"s":"${big}"}`);
    const chunks = Array.from({ length: 200 }, (_, i) => (i + 1) * 64 * 1024);
    const outcome = await survive(targets.webReadings, text, chunks);
    expect(outcome).toBeInstanceOf(DcsProtocolError);
    expect((outcome as DcsError).message).toMatch(/no longer than 1048576 characters/);
  });
});

/** Random cut points, folded into the body's byte length. */
function inRange(text: string, cuts: number[]): number[] {
  const length = encoder.encode(text).length;
  return cuts.map((c) => c % (length + 1));
}
