import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DcsWebApi } from "../../src/index.js";
import { serializeQuery } from "../../src/transport/api-client.js";

describe("serializeQuery", () => {
  it("round-trips any flat query through URLSearchParams", () => {
    const value = fc.oneof(fc.string({ unit: "grapheme" }), fc.integer(), fc.boolean());
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), value), (query) => {
        const parsed = [...new URLSearchParams(serializeQuery(query))];
        expect(parsed).toEqual(Object.entries(query).map(([k, v]) => [k, String(v)]));
      }),
    );
  });

  it("encodes reserved characters, leaves out undefined and refuses objects", () => {
    expect(serializeQuery({ id: "R1/../x?y=z&a#b", n: 3, skip: undefined, on: true })).toBe(
      "id=R1%2F..%2Fx%3Fy%3Dz%26a%23b&n=3&on=true",
    );
    expect(() => serializeQuery({ ids: [1, 2] })).toThrow(TypeError);
  });
});

describe("planned requests", () => {
  it("many queued calls without a signal raise no listener warning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      const dcs = new DcsWebApi("http://127.0.0.1:1/DCSWebApi", {
        fetch: async () => new Response("[]", { headers: { "content-type": "application/json" } }),
      });
      const all = await Promise.all(Array.from({ length: 30 }, () => dcs.meters()));
      expect(all).toHaveLength(30);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on next tick
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).toEqual([]);
  });
});
