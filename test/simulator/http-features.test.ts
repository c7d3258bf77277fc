import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createDcsSimulator } from "../../src/simulator/index.js";
import { call, ORIGIN, signIn } from "./helpers.js";

describe("rate limit", () => {
  it("counts per endpoint for everyone, with X-Rate-Limit headers, then 429 with Retry-After", async () => {
    let now = Date.UTC(2024, 0, 1, 12, 0, 0, 100);
    const sim = createDcsSimulator({
      rateLimit: { limit: 3, windowMs: 1000 },
      clock: { now: () => now },
    });
    const first = await call(sim, "/DCSWebApi/public/meters");
    expect(first.status).toBe(200);
    expect(first.headers.get("x-rate-limit-limit")).toBe("1s");
    expect(first.headers.get("x-rate-limit-remaining")).toBe("2");
    expect(first.headers.get("x-rate-limit-reset")).toBe("2024-01-01T12:00:01.000Z");
    expect(
      (await call(sim, "/DCSWebApi/public/meters/")).headers.get("x-rate-limit-remaining"),
    ).toBe("1");
    // Another endpoint, and the authenticated twin, have their own windows.
    expect(
      (await call(sim, "/DCSWebApi/public/virtualMeters")).headers.get("x-rate-limit-remaining"),
    ).toBe("2");
    const cookie = await signIn(sim);
    expect(
      (await call(sim, "/DCSWebApi/meters", { cookie })).headers.get("x-rate-limit-remaining"),
    ).toBe("2");
    // Errors count too, and carry the headers.
    const bad = await call(sim, "/DCSWebApi/public/readings?id=nope");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-rate-limit-remaining")).toBe("2");
    expect(
      (await call(sim, "/DCSWebApi/PUBLIC/meters")).headers.get("x-rate-limit-remaining"),
    ).toBe("0");
    const refused = await call(sim, "/DCSWebApi/public/meters");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(refused.json).toMatchObject({ backOffSuggestion: 1 });
    expect(typeof (refused.json as { details: unknown }).details).toBe("string");
    now += 1000; // the next window
    expect((await call(sim, "/DCSWebApi/public/meters")).status).toBe(200);
  });

  it("suggests whole seconds, at least 1, and leaves the legacy API and unknown paths alone", async () => {
    const now = Date.UTC(2024, 0, 1, 12, 0, 0);
    const sim = createDcsSimulator({
      rateLimit: { limit: 1, windowMs: 5 * 60_000 },
      clock: { now: () => now },
    });
    expect((await call(sim, "/DCSWebApi/status")).headers.get("x-rate-limit-limit")).toBe("5m");
    const refused = await call(sim, "/DCSWebApi/status");
    expect(refused.headers.get("retry-after")).toBe("300");
    expect(refused.json).toMatchObject({ backOffSuggestion: 300 });
    expect((await call(sim, "/DCSWebApi/nothing")).headers.get("x-rate-limit-limit")).toBeNull();
    const legacy = await call(sim, "/DCS/api/account/login", {
      body: { username: "user", password: "password" },
    });
    expect(legacy.headers.get("x-rate-limit-limit")).toBeNull();
  });

  it("sends no rate-limit headers when off", async () => {
    const reply = await call(createDcsSimulator(), "/DCSWebApi/public/meters");
    expect(reply.headers.get("x-rate-limit-limit")).toBeNull();
  });
});

describe("CORS", () => {
  const sim = createDcsSimulator({ cors: { origins: ["https://dash.example"] } });

  it("answers preflights from allowed origins", async () => {
    const reply = await call(sim, "/DCSWebApi/authentication/signin", {
      method: "OPTIONS",
      headers: {
        origin: "https://dash.example",
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
      },
    });
    expect(reply.status).toBe(204);
    expect(reply.headers.get("access-control-allow-origin")).toBe("https://dash.example");
    expect(reply.headers.get("access-control-allow-credentials")).toBe("true");
    expect(reply.headers.get("access-control-allow-headers")).toBe("Content-Type");
    expect(reply.headers.get("access-control-allow-methods")).toContain("POST");
    expect(reply.headers.get("vary")).toBe("Origin");
  });

  it("decorates responses (errors too) for allowed origins and nothing else", async () => {
    const ok = await call(sim, "/DCSWebApi/public/meters", {
      headers: { origin: "https://dash.example" },
    });
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://dash.example");
    expect(ok.headers.get("access-control-allow-credentials")).toBe("true");
    expect(ok.headers.get("access-control-expose-headers")).toBe(
      "Retry-After, X-Rate-Limit-Limit, X-Rate-Limit-Remaining, X-Rate-Limit-Reset",
    );
    expect(ok.headers.get("vary")).toContain("Origin");
    const error = await call(sim, "/DCSWebApi/meters", {
      headers: { origin: "https://dash.example" },
    });
    expect(error.status).toBe(401);
    expect(error.headers.get("access-control-allow-origin")).toBe("https://dash.example");
    const stranger = await call(sim, "/DCSWebApi/public/meters", {
      headers: { origin: "https://evil.example" },
    });
    expect(stranger.headers.get("access-control-allow-origin")).toBeNull();
    const strangerPreflight = await call(sim, "/DCSWebApi/public/meters", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(strangerPreflight.status).toBe(405);
    expect(strangerPreflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("stands outside the faults: a faulted answer carries the headers, a preflight is never faulted", async () => {
    const faulty = createDcsSimulator({
      cors: { origins: ["https://dash.example"] },
      faults: [{ path: "/public/meters", fault: { kind: "status", status: 503 } }],
    });
    const origin = { origin: "https://dash.example" };
    const refused = await call(faulty, "/DCSWebApi/public/meters", { headers: origin });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("access-control-allow-origin")).toBe("https://dash.example");
    const preflight = await call(faulty, "/DCSWebApi/public/meters", {
      method: "OPTIONS",
      headers: { ...origin, "access-control-request-method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://dash.example");
  });
});

describe("gzip", () => {
  const sim = createDcsSimulator();
  const fetchRaw = (path: string, headers: Record<string, string> = {}) =>
    sim.fetch(new Request(`${ORIGIN}${path}`, { headers }));

  it("gzips JSON over 1 KiB when the request accepts it, streamed or not", async () => {
    for (const path of [
      "/DCSWebApi/public/meters",
      `/DCSWebApi/public/readings?id=R${sim.estate.meters[0]!.registers[0]!.id}&startTime=2024-01-01T00:00:00Z&periodCount=200`,
    ]) {
      const plain = await (await fetchRaw(path)).text();
      const zipped = await fetchRaw(path, { "accept-encoding": "gzip, deflate, br" });
      expect(zipped.headers.get("content-encoding")).toBe("gzip");
      expect(zipped.headers.get("vary")).toContain("Accept-Encoding");
      const bytes = new Uint8Array(await zipped.arrayBuffer());
      expect(bytes.byteLength).toBeLessThan(plain.length);
      expect(gunzipSync(bytes).toString("utf8")).toBe(plain);
    }
  });

  it("leaves small bodies, refusals (q=0) and gzip: false alone", async () => {
    const small = await fetchRaw("/DCSWebApi/status", { "accept-encoding": "gzip" });
    expect(small.headers.get("content-encoding")).toBeNull();
    const refused = await fetchRaw("/DCSWebApi/public/meters", {
      "accept-encoding": "gzip;q=0, identity",
    });
    expect(refused.headers.get("content-encoding")).toBeNull();
    const off = createDcsSimulator({ gzip: false });
    const plain = await off.fetch(
      new Request(`${ORIGIN}/DCSWebApi/public/meters`, { headers: { "accept-encoding": "gzip" } }),
    );
    expect(plain.headers.get("content-encoding")).toBeNull();
  });
});

describe("in-flight accounting", () => {
  it("counts a request until its body is fully read, failed or cancelled", async () => {
    const sim = createDcsSimulator();
    const id = sim.estate.meters[0]!.registers[0]!.id;
    const big = () =>
      sim.fetch(
        new Request(
          `${ORIGIN}/DCSWebApi/public/readings?id=R${id}&startTime=2020-01-01T00:00:00Z&endTime=2022-01-01T00:00:00Z`,
        ),
      );
    const a = await big();
    const b = await big();
    expect(sim.stats).toMatchObject({ requests: 2, inFlight: 2, maxInFlight: 2 });
    await a.text();
    expect(sim.stats.inFlight).toBe(1);
    await b.body!.cancel();
    expect(sim.stats.inFlight).toBe(0);
    const empty = await sim.fetch(
      new Request(`${ORIGIN}/DCSWebApi/authentication/signout`, { method: "POST" }),
    );
    expect(empty.status).toBe(204);
    expect(sim.stats.inFlight).toBe(0);
    sim.addFault({ fault: { kind: "reset" } });
    await expect(big()).rejects.toThrow(TypeError);
    expect(sim.stats).toMatchObject({ requests: 4, inFlight: 0, maxInFlight: 2 });
  });

  it("has a bound fetch that works detached", async () => {
    const { fetch } = createDcsSimulator();
    expect((await fetch(new Request(`${ORIGIN}/DCSWebApi/status`))).status).toBe(200);
  });
});
