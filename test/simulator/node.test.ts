import { request as httpRequest, type IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDcsSimulator,
  type RunningDcsSimulator,
  startDcsSimulator,
} from "../../src/simulator/index.js";
import { ORIGIN } from "./helpers.js";

let server: RunningDcsSimulator;
let reg: number;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
  reg = server.simulator.estate.meters[0]!.registers[0]!.id;
});

afterAll(async () => {
  await server.close();
});

interface RawReply {
  res: IncomingMessage;
  body: Buffer;
  /** How the body ended: "end" (complete) or an error text. */
  ending: string;
}

/** A plain node:http request without connection reuse, reading the body to its end or error. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${server.url}${path}`,
      { method: options.method ?? "GET", headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        let settled = false;
        const finish = (ending: string) => {
          if (settled) return;
          settled = true;
          resolve({ res, body: Buffer.concat(chunks), ending });
        };
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => finish(res.complete ? "end" : "incomplete"));
        res.on("aborted", () => finish("aborted"));
        res.on("error", (e) => finish(e.message));
        res.on("close", () => finish(res.complete ? "end" : "closed early"));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

async function waitFor(condition: () => boolean, ms = 2000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return condition();
}

describe("startDcsSimulator", () => {
  it("listens on 127.0.0.1 with both API roots", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.webApiUrl).toBe(`${server.url}/DCSWebApi`);
    expect(server.v3Url).toBe(`${server.url}/DCS`);
  });

  it("serves requests like the in-process handler, cookies and all", async () => {
    const signin = await fetch(`${server.webApiUrl}/authentication/signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "user", password: "password" }),
    });
    expect(signin.status).toBe(200);
    const cookie = signin.headers.getSetCookie()[0]!.split(";")[0]!;
    const meters = await fetch(`${server.webApiUrl}/meters`, { headers: { cookie } });
    expect(await meters.json()).toEqual(server.simulator.estate.meters);
    const out = await fetch(`${server.webApiUrl}/authentication/signout`, {
      method: "POST",
      headers: { cookie },
    });
    expect(out.status).toBe(204);
    expect((await fetch(`${server.webApiUrl}/meters`, { headers: { cookie } })).status).toBe(401);
  });

  it("passes gzip bytes through unchanged", async () => {
    const path = `/DCSWebApi/public/readings?id=R${reg}&startTime=2024-01-01T00:00:00Z&periodCount=500`;
    const plain = await (await createDcsSimulator().fetch(new Request(`${ORIGIN}${path}`))).text();
    const reply = await raw(path, { headers: { "accept-encoding": "gzip" } });
    expect(reply.res.headers["content-encoding"]).toBe("gzip");
    expect(reply.ending).toBe("end");
    expect(gunzipSync(reply.body).toString()).toBe(plain);
    const identity = await raw(path);
    expect(identity.res.headers["content-encoding"]).toBeUndefined();
    expect(identity.body.toString()).toBe(plain);
  });

  it("destroys the socket when a body breaks: the client sees a cut body", async () => {
    const remove = server.simulator.addFault({
      path: "/public/readings",
      fault: { kind: "drop", afterBytes: 5000 },
    });
    try {
      const reply = await raw(
        `/DCSWebApi/public/readings?id=R${reg}&startTime=2023-01-01T00:00:00Z&endTime=2023-02-01T00:00:00Z`,
      );
      expect(reply.res.statusCode).toBe(200);
      expect(reply.ending).not.toBe("end");
      expect(reply.body.byteLength).toBeGreaterThan(0);
      expect(reply.body.byteLength).toBeLessThanOrEqual(5000);
    } finally {
      remove();
    }
  });

  it("resets the connection before any header when the handler rejects", async () => {
    const remove = server.simulator.addFault({ path: "/status", fault: { kind: "reset" } });
    try {
      await expect(raw("/DCSWebApi/status")).rejects.toThrow(/socket hang up|ECONNRESET/);
      await expect(fetch(`${server.webApiUrl}/status`)).rejects.toThrow(TypeError);
    } finally {
      remove();
    }
    expect((await fetch(`${server.webApiUrl}/status`)).status).toBe(200);
  });

  it("answers 413 to a body over 1 MiB and keeps serving", async () => {
    const big = JSON.stringify({ username: "user", password: "x".repeat(1024 * 1024 + 1) });
    for (const path of ["/DCSWebApi/authentication/signin", "/DCS/api/account/login"]) {
      const reply = await raw(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: big,
      });
      expect(reply.res.statusCode).toBe(413);
      expect(JSON.parse(reply.body.toString())).toEqual({
        details: "The request body is over 1 MiB.",
      });
    }
    // Also when the client does not say how long the body is (chunked).
    const chunked = await new Promise<number | undefined>((resolve, reject) => {
      const req = httpRequest(
        `${server.webApiUrl}/authentication/signin`,
        { method: "POST", agent: false, headers: { "content-type": "application/json" } },
        (res) => {
          res.resume();
          resolve(res.statusCode);
        },
      );
      req.on("error", reject);
      for (let i = 0; i < 20; i++) req.write("x".repeat(64 * 1024));
      req.end();
    });
    expect(chunked).toBe(413);
    // The fetch handler alone answers the same.
    const inProcess = await createDcsSimulator().fetch(
      new Request(`${ORIGIN}/DCSWebApi/authentication/signin`, { method: "POST", body: big }),
    );
    expect(inProcess.status).toBe(413);
    expect(await inProcess.json()).toEqual({ details: "The request body is over 1 MiB." });
    const signin = await fetch(`${server.webApiUrl}/authentication/signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "user", password: "password" }),
    });
    expect(signin.status).toBe(200);
    expect(await waitFor(() => server.busyConnections() === 0)).toBe(true);
  });

  it("streams with backpressure: a client that stops reading stops the production", async () => {
    server.simulator.resetStats();
    const path = `/DCSWebApi/public/readings?id=R${reg}&startTime=2015-01-01T00:00:00Z&endTime=2026-01-01T00:00:00Z&format=complete`;
    const result = await new Promise<{ stalled: boolean; bytes: number; ended: boolean }>(
      (resolve, reject) => {
        const req = httpRequest(`${server.url}${path}`, { agent: false }, (res) => {
          let bytes = 0;
          res.once("data", (chunk: Buffer) => {
            bytes += chunk.byteLength;
            res.pause();
            setTimeout(() => {
              // Not read by the client, so not produced by the server: still in flight.
              const stalled = server.simulator.stats.inFlight === 1;
              res.on("data", (c: Buffer) => {
                bytes += c.byteLength;
              });
              res.on("end", () => resolve({ stalled, bytes, ended: res.complete }));
              res.resume();
            }, 400);
          });
        });
        req.on("error", reject);
        req.end();
      },
    );
    expect(result.stalled).toBe(true);
    expect(result.ended).toBe(true);
    expect(result.bytes).toBeGreaterThan(15_000_000);
    expect(await waitFor(() => server.simulator.stats.inFlight === 0)).toBe(true);
  });

  it("cancels the body when the client goes away, and connections return to zero", async () => {
    const own = await startDcsSimulator({ port: 0 });
    const remove = own.simulator.addFault({ path: "/public/meters", fault: { kind: "stall" } });
    try {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(`${own.webApiUrl}/public/meters`, { agent: false }, (res) => {
          expect(res.statusCode).toBe(200);
          expect(own.simulator.stats.inFlight).toBe(1);
          req.destroy();
          resolve();
        });
        req.on("error", () => {});
        req.end();
        setTimeout(() => reject(new Error("no headers from a stalled body")), 2000);
      });
      expect(await waitFor(() => own.simulator.stats.inFlight === 0)).toBe(true);
      expect(await waitFor(() => own.openConnections() === 0)).toBe(true);
    } finally {
      remove();
      await own.close();
    }
  });

  it("closes idle and busy connections alike", async () => {
    const other = await startDcsSimulator({
      port: 0,
      faults: [{ path: "/public/meters", fault: { kind: "stall" } }],
    });
    const stalled = fetch(`${other.webApiUrl}/public/meters`).then((r) => r.text());
    stalled.catch(() => {});
    await fetch(`${other.webApiUrl}/status`).then((r) => r.text()); // leaves a keep-alive connection
    expect(await waitFor(() => other.simulator.stats.inFlight === 1)).toBe(true);
    expect(other.openConnections()).toBeGreaterThanOrEqual(1);
    await other.close();
    expect(other.openConnections()).toBe(0);
    await expect(stalled).rejects.toThrow();
    expect(other.simulator.stats.inFlight).toBe(0);
    await other.close(); // twice is fine
  });
});

describe("the browser-safe entry", () => {
  it("imports nothing from node: statically", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const dir = new URL("../../src/simulator/", import.meta.url);
    for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
      if (file === "cli.ts" || !file.endsWith(".ts")) continue; // cli.ts: Node only, not reachable from index.ts
      const text = readFileSync(new URL(file, dir), "utf8");
      for (const line of text.split("\n")) {
        if (/^import\s+(?!type\b)[^;]*from\s+"node:/.test(line))
          throw new Error(`${file}: ${line}`);
      }
    }
    const index = readFileSync(new URL("index.ts", dir), "utf8");
    expect(index).not.toContain("./cli.js");
  });
});
