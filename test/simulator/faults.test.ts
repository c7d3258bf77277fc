import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createDcsSimulator, type Fault } from "../../src/simulator/index.js";
import { call, ORIGIN } from "./helpers.js";

const METERS = "/DCSWebApi/public/meters";
const make = (fault: Fault, extra: Record<string, unknown> = {}) => {
  const sim = createDcsSimulator();
  sim.addFault({ path: "/public/meters", fault, ...extra });
  return sim;
};
const get = (sim: ReturnType<typeof createDcsSimulator>, path = METERS, init: RequestInit = {}) =>
  sim.fetch(new Request(`${ORIGIN}${path}`, init));

describe("faults that replace the answer", () => {
  it("status: a JSON 5xx, with Retry-After when given, or the body given", async () => {
    const sim = make({ kind: "status", status: 503, retryAfterSeconds: 7 });
    const reply = await call(sim, METERS);
    expect(reply.status).toBe(503);
    expect(reply.headers.get("retry-after")).toBe("7");
    expect(reply.json).toEqual({ details: "Simulated fault: 503 Service Unavailable" });
    const custom = make({ kind: "status", status: 502, body: "Bad gateway from the proxy" });
    const text = await call(custom, METERS);
    expect(text).toMatchObject({ status: 502, text: "Bad gateway from the proxy" });
    expect(text.headers.get("content-type")).toContain("text/plain");
  });

  it("html: an IIS error page", async () => {
    const reply = await call(make({ kind: "html", status: 500 }), METERS);
    expect(reply.status).toBe(500);
    expect(reply.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(reply.text).toMatch(/^<!DOCTYPE html/);
    expect(reply.text).toContain("500 - Internal Server Error");
    expect((await call(make({ kind: "html", status: 200 }), METERS)).status).toBe(200);
  });

  it("malformed: 200 with broken JSON", async () => {
    const response = await get(make({ kind: "malformed" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it("wrongShape: an object where an array belongs, and the reverse", async () => {
    const sim = createDcsSimulator();
    sim.addFault({ path: /meters$/, fault: { kind: "wrongShape" } });
    const meters = await (await get(sim)).json();
    expect(Array.isArray(meters)).toBe(false);
    expect(typeof meters).toBe("object");
    const status = await (await get(sim, "/DCSWebApi/status")).json();
    expect(typeof status).toBe("object");
    sim.addFault({ path: /status$/, fault: { kind: "wrongShape" } });
    expect(Array.isArray(await (await get(sim, "/DCSWebApi/status")).json())).toBe(true);
  });

  it("empty: 200 with no body at all", async () => {
    const response = await get(make({ kind: "empty" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe("0");
    expect(await response.text()).toBe("");
  });

  it("rateLimit: a 429 with Retry-After (default 1), or without it when null; backOffSeconds in the body", async () => {
    const with7 = await call(make({ kind: "rateLimit", retryAfterSeconds: 7 }), METERS);
    expect(with7.status).toBe(429);
    expect(with7.headers.get("retry-after")).toBe("7");
    expect(with7.json).toMatchObject({ backOffSuggestion: 7 });
    expect((await call(make({ kind: "rateLimit" }), METERS)).headers.get("retry-after")).toBe("1");
    expect(
      (await call(make({ kind: "rateLimit", retryAfterSeconds: null }), METERS)).headers.get(
        "retry-after",
      ),
    ).toBeNull();
    const suggested = await call(
      make({ kind: "rateLimit", retryAfterSeconds: null, backOffSeconds: 0.3 }),
      METERS,
    );
    expect(suggested.headers.get("retry-after")).toBeNull();
    expect(suggested.json).toMatchObject({ backOffSuggestion: 0.3 });
  });

  it("reset: no response at all", async () => {
    await expect(get(make({ kind: "reset" }))).rejects.toThrow(/reset/);
  });
});

describe("faults that alter the body", () => {
  it("latency: waits before the headers, and gives up when the client aborts", async () => {
    const sim = make({ kind: "latency", ms: 120 });
    const started = performance.now();
    const slow = await get(sim);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    expect(slow.status).toBe(200);
    await slow.text();
    const controller = new AbortController();
    const pending = get(sim, METERS, { signal: controller.signal });
    controller.abort(new Error("gave up"));
    await expect(pending).rejects.toThrow("gave up");
    expect(sim.stats.inFlight).toBe(0);
  });

  it("trickle: the same bytes in small pieces, one per interval", async () => {
    const plain = await (await get(createDcsSimulator(), "/DCSWebApi/status")).text();
    const sim = createDcsSimulator();
    sim.addFault({ path: "/status", fault: { kind: "trickle", chunkBytes: 16, intervalMs: 5 } });
    const started = performance.now();
    const response = await get(sim, "/DCSWebApi/status");
    expect(response.headers.get("content-length")).toBeNull();
    const reader = response.body!.getReader();
    const pieces: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      pieces.push(value);
    }
    expect(pieces.every((p) => p.byteLength <= 16)).toBe(true);
    expect(pieces.length).toBe(Math.ceil(plain.length / 16));
    expect(Buffer.concat(pieces).toString()).toBe(plain);
    expect(performance.now() - started).toBeGreaterThanOrEqual(pieces.length * 4);
  });

  it("stall: headers, then nothing until the client cancels", async () => {
    const sim = make({ kind: "stall" });
    const response = await get(sim);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const read = reader.read();
    const winner = await Promise.race([
      read.then(() => "data"),
      new Promise((r) => setTimeout(() => r("timeout"), 100)),
    ]);
    expect(winner).toBe("timeout");
    expect(sim.stats.inFlight).toBe(1);
    await reader.cancel();
    expect(sim.stats.inFlight).toBe(0);
  });

  it("stall after N bytes: the first N bytes, then nothing until the client cancels", async () => {
    const sim = make({ kind: "stall", afterBytes: 1000 });
    const response = await get(sim);
    const reader = response.body!.getReader();
    let received = 0;
    const winner = await Promise.race([
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return "end";
          received += value.byteLength;
        }
      })(),
      new Promise((r) => setTimeout(() => r("stalled"), 100)),
    ]);
    expect(winner).toBe("stalled");
    expect(received).toBe(1000);
    await reader.cancel();
    expect(sim.stats.inFlight).toBe(0);
  });

  it("drop: the body breaks after N bytes", async () => {
    const sim = make({ kind: "drop", afterBytes: 1000 });
    const response = await get(sim);
    const reader = response.body!.getReader();
    let received = 0;
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received += value.byteLength;
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(received).toBe(1000);
    expect(sim.stats.inFlight).toBe(0);
  });

  it("gzipTruncated: a gzip body that ends too soon", async () => {
    const response = await get(make({ kind: "gzipTruncated" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(bytes.byteLength).toBeGreaterThan(10);
    expect(() => gunzipSync(bytes)).toThrow(/unexpected end/i);
  });
});

describe("fault rules", () => {
  it("match by method and path, skip `after` matches, apply `times` times, and can be removed", async () => {
    const sim = createDcsSimulator();
    const remove = sim.addFault({
      method: "get",
      path: /\/public\/meters$/,
      after: 1,
      times: 2,
      fault: { kind: "status", status: 500 },
    });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(sim, METERS)).status);
    expect(statuses).toEqual([200, 500, 500, 200, 200]);
    sim.addFault({
      method: "POST",
      path: "/public/meters",
      fault: { kind: "status", status: 500 },
    });
    expect((await call(sim, METERS)).status).toBe(200);
    remove();
    const again = sim.addFault({ path: "PUBLIC/Meters/", fault: { kind: "status", status: 504 } });
    expect((await call(sim, "/DCSWebApi/public/meters/")).status).toBe(504);
    expect((await call(sim, "/DCSWebApi/public/virtualMeters")).status).toBe(200);
    again();
    expect((await call(sim, METERS)).status).toBe(200);
    sim.addFault({ fault: { kind: "status", status: 500 } });
    sim.addFault({ fault: { kind: "status", status: 502 } });
    expect((await call(sim, "/DCS/api/meters")).status).toBe(500); // the first replacing rule wins
    sim.clearFaults();
    expect((await call(sim, "/DCSWebApi/status")).status).toBe(200);
  });

  it("can be given at creation, and combine latency with a body fault", async () => {
    const sim = createDcsSimulator({
      faults: [
        { path: "/status", fault: { kind: "latency", ms: 50 } },
        { path: "/status", fault: { kind: "drop", afterBytes: 5 } },
      ],
    });
    const started = performance.now();
    const response = await get(sim, "/DCSWebApi/status");
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    await expect(response.text()).rejects.toThrow();
  });
});
