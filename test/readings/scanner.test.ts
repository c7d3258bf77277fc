import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DcsProtocolError, DcsValidationError } from "../../src/core/errors.js";
import { ReadingsBodySource } from "../../src/readings/body.js";
import {
  completeReadingCodec,
  legacyReadingCodec,
  type ReadingCodec,
  standardReadingCodec,
} from "../../src/readings/codecs.js";
import { Readings } from "../../src/readings/readings.js";
import { type ArrayLocation, ReadingsScanner } from "../../src/readings/scanner.js";
import type { StandardReading } from "../../src/schemas/types.js";
import { takeBody } from "../../src/transport/body.js";
import { chunkedBody } from "../helpers/chunked-body.js";

const encoder = new TextEncoder();

async function decode<R = StandardReading>(
  text: string,
  cuts: number[] = [],
  codec: ReadingCodec<R> = standardReadingCodec as unknown as ReadingCodec<R>,
  location: ArrayLocation = "member",
) {
  let members: ReadonlyMap<string, unknown> = new Map();
  const source = new ReadingsBodySource<R>({
    body: takeBody(new Response(chunkedBody(text, cuts))),
    location,
    codec,
    context: { method: "GET", url: "http://127.0.0.1/readings" },
    onEnd: (m) => {
      members = m;
    },
  });
  await source.open();
  const before = source.members;
  const readings = await new Readings(source).toArray();
  return { before, members, readings };
}

const reading = fc.record({
  timestamp: fc
    .integer({ min: Date.UTC(1990, 0, 1) / 1000, max: Date.UTC(2100, 0, 1) / 1000 })
    .map((s) => new Date(s * 1000).toISOString().replace(".000Z", "Z")),
  value: fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom("NaN", "Infinity", "-Infinity"),
  ),
  status: fc.integer({ min: 0, max: 3 }),
  note: fc.option(fc.string({ unit: "grapheme" }), { nil: undefined }),
});

const toNumber = (v: number | string) =>
  typeof v === "number" ? v : v === "NaN" ? Number.NaN : v === "Infinity" ? Infinity : -Infinity;

describe("readings body decoder", () => {
  it("gives the same readings as JSON.parse for every split of the body", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(reading, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        fc.constantFrom("", " ", "\n  "),
        async (items, cuts, headerAfter, ws) => {
          const header = { startTime: "2024-01-01T00:00:00Z", name: "M: R", unit: "kWh" };
          const doc = headerAfter ? { readings: items, ...header } : { ...header, readings: items };
          const text = JSON.stringify(doc, null, ws === "" ? undefined : 1) + ws;
          const total = encoder.encode(text).length;
          const { members, readings } = await decode(
            text,
            cuts.map((c) => c % (total + 1)),
          );
          const expected = JSON.parse(text);
          expect(readings).toHaveLength(expected.readings.length);
          readings.forEach((r, i) => {
            const e = expected.readings[i];
            expect(r.timestamp.getTime()).toBe(Date.parse(e.timestamp));
            expect(r.value).toBe(toNumber(e.value));
            expect(r.status).toBe(e.status);
            expect((r as unknown as { note?: string }).note).toBe(e.note);
          });
          expect(Object.fromEntries(members)).toEqual(header);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("agrees with JSON.parse when strings and nested values hold brackets and braces", async () => {
    // The whole-run fast path cuts at the last `}` before the last `]`; these documents put
    // both inside strings and nested values, before and after the array, to make it fall back.
    const tricky = fc.string({
      unit: fc.constantFrom("{", "}", "[", "]", ",", ":", '"', "\\", " ", "a"),
    });
    const element = fc.record({
      timestamp: fc.constant("2024-01-01T00:00:00Z"),
      value: fc.integer(),
      status: fc.constant(0),
      note: fc.option(tricky, { nil: undefined }),
      extra: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(element, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.dictionary(
          fc.constantFrom("name", "unit", "x"),
          fc.oneof(tricky, fc.jsonValue({ maxDepth: 2 })),
        ),
        fc.boolean(),
        async (items, cuts, extraHeader, headerAfter) => {
          const doc = headerAfter
            ? { readings: items, ...extraHeader }
            : { ...extraHeader, readings: items };
          const text = JSON.stringify(doc);
          const total = encoder.encode(text).length;
          const { members, readings } = await decode(
            text,
            cuts.map((c) => c % (total + 1)),
          );
          expect(
            JSON.parse(JSON.stringify(readings.map((r) => ({ ...r, timestamp: "t" })))),
          ).toEqual(JSON.parse(text).readings.map((r: object) => ({ ...r, timestamp: "t" })));
          // Compared with JSON.parse's view: JSON has no -0, so a generated -0 comes back as 0.
          const { readings: _, ...header } = JSON.parse(text);
          expect(Object.fromEntries(members)).toEqual(header);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("agrees with JSON.parse on bodies larger than one fast-path run, nested values included", async () => {
    // Runs are cut at most every 16 KiB; a cut may land inside a nested value or a string.
    const items = Array.from({ length: 3000 }, (_, i) => ({
      timestamp: "2024-01-01T00:00:00Z",
      value: i,
      status: 0,
      ...(i % 7 === 0 ? { nested: { a: [i, { b: "}]" }] } } : {}),
    }));
    const text = JSON.stringify({ name: "M: R", readings: items, unit: "}" });
    const total = encoder.encode(text).length;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(total), { maxLength: 4 }), async (cuts) => {
        const { readings, members } = await decode(text, cuts);
        expect(readings.map((r) => r.value)).toEqual(items.map((r) => r.value));
        expect((readings[7] as unknown as { nested: unknown }).nested).toEqual(items[7]?.nested);
        expect(Object.fromEntries(members)).toEqual({ name: "M: R", unit: "}" });
      }),
      { numRuns: 20 },
    );
  });

  it("splits inside multi-byte characters and escapes", async () => {
    const text = `{"name":"Caf\\u00e9 \\"Ω\\" 🌍","readings":[{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":0,"n":"\\\\\\"]}"}]}`;
    for (let cut = 1; cut < encoder.encode(text).length; cut++) {
      const { readings, members } = await decode(text, [cut, cut + 3]);
      expect(readings).toHaveLength(1);
      expect((readings[0] as unknown as { n: string }).n).toBe('\\"]}');
      expect(members.get("name")).toBe('Café "Ω" 🌍');
    }
  });

  it("reads header names and values with escapes as JSON does, and refuses raw control characters", async () => {
    const text = `{"na\\u006de":"A\\tB","unit":"kWh","readings":[]}`;
    const { members } = await decode(text);
    expect(Object.fromEntries(members)).toEqual({ name: "A\tB", unit: "kWh" });
    for (const bad of [`{"name":"A\tB","readings":[]}`, `{"na\nme":"A","readings":[]}`]) {
      await expect(decode(bad)).rejects.toBeInstanceOf(DcsProtocolError);
    }
  });

  it("knows the header before the array when open() resolves", async () => {
    const text = `{"startTime":"2024-01-01T00:00:00Z","unit":"kWh","readings":[{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":0}],"endTime":"2024-01-02T00:00:00Z"}`;
    const { before, members } = await decode(text, [90]);
    expect([...before.keys()]).toEqual(["startTime", "unit"]);
    expect([...members.keys()]).toEqual(["startTime", "unit", "endTime"]);
  });

  it("decodes complete and legacy readings", async () => {
    const complete = `{"readings":[{"timestamp":"2024-03-31T01:00:00+01:00","totalValue":"NaN","periodValue":2.5,"status":2}]}`;
    const c = await decode(complete, [], completeReadingCodec);
    expect(c.readings[0]?.timestamp.toISOString()).toBe("2024-03-31T00:00:00.000Z");
    expect(c.readings[0]?.totalValue).toBeNaN();
    const legacy = `[{"id":1,"startTime":"2019-02-01T00:00:00Z","duration":30,"totalValue":10161.5,"periodValue":11,"isGenerated":false,"isInterpolated":true}]`;
    const l = await decode(legacy, [7], legacyReadingCodec, "root");
    expect(l.readings).toEqual([
      {
        id: 1,
        startTime: new Date("2019-02-01T00:00:00Z"),
        duration: 30,
        totalValue: 10161.5,
        periodValue: 11,
        isGenerated: false,
        isInterpolated: true,
      },
    ]);
  });

  it.each([
    ["cut inside an element", `{"readings":[{"timestamp":"2024-01-01T00:00:00Z","va`],
    [
      "cut after an element",
      `{"readings":[{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":0}`,
    ],
    ["cut before the object closes", `{"readings":[]`],
    ["empty", ""],
    ["HTML", "<html><title>Server Error</title></html>"],
    ["garbage after the end", `{"readings":[]} x`],
    [
      "missing comma",
      `{"readings":[{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":0} {}]}`,
    ],
    [
      "bad element JSON",
      `{"readings":[{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":0,}]}`,
    ],
    ["readings not an array", `{"readings":{}}`],
    ["two readings arrays", `{"readings":[],"readings":[]}`],
    ["bad header value", `{"unit":kWh,"readings":[]}`],
  ])("rejects a body that is %s with DcsProtocolError", async (_, text) => {
    for (const cuts of [
      [],
      [5],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
    ]) {
      await expect(decode(text, cuts)).rejects.toBeInstanceOf(DcsProtocolError);
    }
  });

  it("names the reading index and field of an invalid reading", async () => {
    const ok = `{"timestamp":"2024-01-01T00:00:00Z","value":1,"status":0}`;
    const bad = `{"timestamp":"2024-01-01T00:00:00Z","value":"lots","status":0}`;
    const text = `{"readings":[${ok},${ok},${bad}]}`;
    const error = await decode(text, [40]).catch((e) => e);
    expect(error).toBeInstanceOf(DcsValidationError);
    expect(error.issues[0].path).toEqual(["readings", 2, "value"]);
    expect(error.message).toContain("readings[2].value");
    expect(error.message).toContain('"lots"');
  });

  it("takes long values in 100,000 tiny chunks in linear time: each chunk is scanned once", async () => {
    // Before, each chunk was appended to the value so far and all of it scanned again: many
    // GB of copying for this body, minutes instead of a fraction of a second. The loop lets
    // timers run now and then, so such a regression fails by the test's timeout.
    const long = `a\\"b${"x".repeat(100_000)}\\\\`; // escapes at both ends of a long string
    const nested = { s: long, list: Array.from({ length: 5000 }, (_, i) => ({ i, t: `"${i}"` })) };
    const element = { timestamp: "2024-01-01T00:00:00Z", value: 1, status: 0, nested };
    const text = JSON.stringify({ name: long, readings: [element, element], unit: long });
    const scanner = new ReadingsScanner("member");
    const size = Math.ceil(text.length / 100_000);
    const elements: unknown[] = [];
    for (let i = 0, n = 0; i < text.length; i += size, n++) {
      scanner.push(text.slice(i, i + size));
      elements.push(...scanner.takeBatches().flat());
      if (n % 1000 === 0) await new Promise(setImmediate);
    }
    scanner.end();
    expect(elements).toEqual([element, element]);
    expect(Object.fromEntries(scanner.members)).toEqual({ name: long, unit: long });
  }, 10_000);

  it("carries an escape cut by a chunk's end: backslash runs split at every point", () => {
    const value = `\\\\\\"\\\\"x\\`; // backslash runs of odd and even length around quotes
    const text = JSON.stringify({ name: value, readings: [{ n: value }, { n: value }], end: 1 });
    for (let size = 1; size <= 4; size++) {
      const scanner = new ReadingsScanner("member");
      const batches: unknown[][] = [];
      for (let i = 0; i < text.length; i += size) {
        scanner.push(text.slice(i, i + size));
        batches.push(...scanner.takeBatches());
      }
      scanner.end();
      expect(batches.flat()).toEqual([{ n: value }, { n: value }]);
      expect(Object.fromEntries(scanner.members)).toEqual({ name: value, end: 1 });
    }
  });

  it("bounds memory: a huge value is refused, not buffered without end", async () => {
    const text = `{"readings":[{"timestamp":"${"x".repeat(2 * 1024 * 1024)}"}]}`;
    const error = await decode(text, [1000, 500_000, 1_500_000]).catch((e) => e);
    expect(error).toBeInstanceOf(DcsProtocolError);
  });
});
