import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DcsAbortError,
  DcsArgumentError,
  DcsAuthError,
  DcsNetworkError,
  DcsProtocolError,
  DcsRateLimitError,
  DcsServerError,
  DcsTimeoutError,
} from "../../src/core/errors.js";
import { takeBody } from "../../src/transport/body.js";
import { parseRetryAfter } from "../../src/transport/errors-from-response.js";
import { PlannedRequest } from "../../src/transport/request.js";
import { retryDelay } from "../../src/transport/retry.js";
import { Transport, type TransportOptions } from "../../src/transport/transport.js";

const BASE = "https://dcs.example.org/DCSWebApi";
type Handler = (request: Request, call: number) => Response | Promise<Response>;

function harness(handler: Handler, options: TransportOptions = {}) {
  const seen: Request[] = [];
  const transport = new Transport(BASE, "COHERENT-DCS-API", {
    retry: { backoffMs: 1 },
    ...options,
    fetch: async (request) => {
      seen.push(request);
      return handler(request, seen.length);
    },
  });
  const get = (path = "/meters", init: RequestInit = {}) =>
    transport.fetch(new Request(`${BASE}${path}`, init));
  return { transport, seen, get };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    headers: { "content-type": "application/json" },
    ...init,
  });

describe("transport: retries", () => {
  it("retries 502/503/504 on GET with backoff, then succeeds", async () => {
    const { get, seen } = harness((_, n) =>
      n < 3 ? new Response("busy", { status: n === 1 ? 503 : 502 }) : json([1]),
    );
    const response = await get();
    expect(JSON.parse(await takeBody(response).text())).toEqual([1]);
    expect(seen).toHaveLength(3);
  });

  it("gives up after the retry limit with DcsServerError carrying the status", async () => {
    const { get, seen } = harness(() => json({ details: "down for maintenance" }, { status: 503 }));
    const error = await get().catch((e) => e);
    expect(error).toBeInstanceOf(DcsServerError);
    expect(error.status).toBe(503);
    expect(error.details).toBe("down for maintenance");
    expect(seen).toHaveLength(3);
  });

  it("never retries a POST that may have reached the server", async () => {
    const { transport, seen } = harness(() => new Response("", { status: 503 }));
    const error = await transport
      .fetch(new Request(`${BASE}/x`, { method: "POST", body: "{}" }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(DcsServerError);
    expect(seen).toHaveLength(1);
  });

  it("waits out 429 for Retry-After seconds and retries, POST included", async () => {
    const started = performance.now();
    const { transport, seen } = harness((_, n) =>
      n === 1
        ? json(
            { details: "slow down", backOffSuggestion: 0.05 },
            { status: 429, headers: { "retry-after": "0.05" } },
          )
        : json({}),
    );
    await transport.fetch(
      new Request(`${BASE}/authentication/signin`, { method: "POST", body: "{}" }),
    );
    expect(seen).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("uses backOffSuggestion when there is no Retry-After, and gives up with DcsRateLimitError", async () => {
    const { get, seen } = harness(
      () => json({ details: "Too many requests", backOffSuggestion: 0.001 }, { status: 429 }),
      {
        retry: { rateLimitRetries: 2, backoffMs: 1 },
      },
    );
    const error = await get().catch((e) => e);
    expect(error).toBeInstanceOf(DcsRateLimitError);
    expect(error.retryAfterMs).toBe(1);
    expect(seen).toHaveLength(3);
  });

  it("does not wait longer than maxDelayMs: a long Retry-After fails at once", async () => {
    const { get, seen } = harness(
      () => new Response("{}", { status: 429, headers: { "retry-after": "3600" } }),
      {
        retry: { maxDelayMs: 1000 },
      },
    );
    await expect(get()).rejects.toBeInstanceOf(DcsRateLimitError);
    expect(seen).toHaveLength(1);
  });

  it("retries network failures of GETs, then reports DcsNetworkError with the cause", async () => {
    const refused = Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }),
    });
    const { get, seen } = harness(() => {
      throw refused;
    });
    const error = await get().catch((e) => e);
    expect(error).toBeInstanceOf(DcsNetworkError);
    expect(error.message).toContain("ECONNREFUSED");
    expect(seen).toHaveLength(3);
  });

  it("can be switched off", async () => {
    const { get, seen } = harness(() => new Response("", { status: 503 }), { retry: false });
    await expect(get()).rejects.toBeInstanceOf(DcsServerError);
    expect(seen).toHaveLength(1);
  });
});

describe("transport: Retry-After", () => {
  const now = Date.parse("2024-05-01T12:00:00Z");

  it.each([
    ["120", 120_000],
    ["0", 0],
    [" 7 ", 7000],
    ["0.05", 50],
    ["3s", 3000],
    ["Wed, 01 May 2024 12:00:30 GMT", 30_000], // IMF-fixdate
    ["Wednesday, 01-May-24 12:01:00 GMT", 60_000], // RFC 850
    ["Wed May  1 12:00:10 2024", 10_000], // asctime
    ["Wed, 01 May 2024 11:00:00 GMT", 0], // a date already past: retry now
  ])("reads %j as %i ms", (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([
    "-1",
    "3, 4",
    "1e3",
    "+5",
    "0x10",
    "Infinity",
    "NaN",
    "soon",
    "12abc",
    "2024-05-01T12:00:30Z",
    "-1 s",
    "Wed, 01 May 2024",
    "",
    "  ",
  ])("treats the garbage %j as absent", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });

  it("never gives a negative or non-finite wait, and only for a number or an HTTP date", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const ms = parseRetryAfter(value, now);
        if (ms === undefined) return;
        expect(Number.isFinite(ms) && ms >= 0).toBe(true);
        expect(value.trim()).toMatch(/^(\d+(\.\d+)?s?|[A-Za-z]{3,9},? .*(GMT|\d{4}))$/);
      }),
      { numRuns: 2000, seed: 15 },
    );
  });

  const policy = {
    limit: 3,
    statuses: [503],
    backoffMs: 100,
    rateLimitRetries: 5,
    maxDelayMs: 1000,
  };

  it("retryDelay: the server's wait when it fits maxDelayMs, else give up; otherwise backoff with jitter", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (retry, retryAfterMs, random) => {
          const wait = retryDelay(policy, retry, retryAfterMs, () => random);
          if (retryAfterMs !== undefined) {
            expect(wait).toBe(retryAfterMs <= policy.maxDelayMs ? retryAfterMs : undefined);
          } else {
            const base = policy.backoffMs * 2 ** (retry - 1);
            expect(wait).toBeGreaterThanOrEqual(Math.min(base / 2, policy.maxDelayMs));
            expect(wait).toBeLessThanOrEqual(Math.min(base, policy.maxDelayMs));
          }
        },
      ),
      { seed: 10 },
    );
  });

  it.each([429, 503])(
    "%i with a Retry-After beyond maxDelayMs gives up at once, without waiting",
    async (status) => {
      const { get, seen } = harness(
        () => new Response("{}", { status, headers: { "retry-after": "3600" } }),
        { retry: { maxDelayMs: 300 } },
      );
      const started = performance.now();
      const error = await get().catch((e) => e);
      expect(error.status).toBe(status);
      expect(seen).toHaveLength(1);
      expect(performance.now() - started).toBeLessThan(250);
    },
  );

  it.each([429, 503])(
    "%i with a garbage Retry-After waits the backoff, not zero",
    async (status) => {
      const { get, seen } = harness(
        (_, n) =>
          n === 1
            ? new Response("{}", { status, headers: { "retry-after": "-1" } })
            : json({ ok: true }),
        { retry: { backoffMs: 200 } },
      );
      const started = performance.now();
      await takeBody(await get()).text();
      expect(seen).toHaveLength(2);
      expect(performance.now() - started).toBeGreaterThanOrEqual(95); // half the first backoff
    },
  );
});

describe("transport: typed errors", () => {
  it.each([
    [400, "DcsBadRequestError"],
    [401, "DcsAuthError"],
    [403, "DcsForbiddenError"],
    [404, "DcsNotFoundError"],
    [500, "DcsServerError"],
  ])("maps %i to %s with the server's details", async (status, name) => {
    const { get } = harness(() => json({ details: `reason ${status}` }, { status }));
    const error = await get("/readings?id=R1").catch((e) => e);
    expect(error.name).toBe(name);
    expect(error.details).toBe(`reason ${status}`);
    expect(error.url).toBe(`${BASE}/readings?id=R1`);
    expect(error.method).toBe("GET");
    expect(error.message).toContain(`reason ${status}`);
  });

  it("reads the title of an IIS HTML error page", async () => {
    const page =
      "<html><head><title>500 - Internal server error.</title></head><body>...</body></html>";
    const { get } = harness(
      () => new Response(page, { status: 500, headers: { "content-type": "text/html" } }),
      { retry: false },
    );
    const error = await get().catch((e) => e);
    expect(error).toBeInstanceOf(DcsServerError);
    expect(error.details).toBe("HTML error page: 500 - Internal server error.");
  });
});

describe("transport: time limits and aborts", () => {
  it("times out waiting for headers", async () => {
    const { get } = harness(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
      {
        headersTimeoutMs: 30,
        retry: false,
      },
    );
    const error = await get().catch((e) => e);
    expect(error).toBeInstanceOf(DcsTimeoutError);
    expect(error.message).toMatch(/no response headers within 30 ms/);
  });

  it("times out a body that takes too long, from the body's reader", async () => {
    const { get } = harness(
      (request) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode("[1,"));
              request.signal.addEventListener("abort", () =>
                controller.error(request.signal.reason),
              );
            },
          }),
        ),
      { timeoutMs: 50 },
    );
    const response = await get();
    const error = await takeBody(response)
      .text()
      .catch((e) => e);
    expect(error).toBeInstanceOf(DcsTimeoutError);
  });

  it("after headers in time, ends a body that stalls while read within timeoutMs of the wait", async () => {
    const { get } = harness(
      (request) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode("[1,"));
              request.signal.addEventListener("abort", () =>
                controller.error(request.signal.reason),
              );
            },
          }),
        ),
      { headersTimeoutMs: 40, timeoutMs: 200 },
    );
    const response = await get();
    const reader = takeBody(response);
    await reader.read(); // "[1,"
    await new Promise((resolve) => setTimeout(resolve, 300)); // the reader's own time
    const started = performance.now();
    const error = await reader.read().catch((e) => e);
    const ms = performance.now() - started;
    expect(error).toBeInstanceOf(DcsTimeoutError);
    expect(error.message).toMatch(/stalled, nothing received for 200 ms/);
    expect(ms).toBeGreaterThanOrEqual(190);
    expect(ms).toBeLessThan(1500);
  });

  it("never counts the reader's own time: pauses longer than timeoutMs between reads", async () => {
    const { get } = harness(
      (request) => {
        let sent = 0;
        return new Response(
          new ReadableStream({
            start(controller) {
              request.signal.addEventListener("abort", () =>
                controller.error(request.signal.reason),
              );
            },
            pull(controller) {
              if (sent++ < 3) controller.enqueue(new TextEncoder().encode("x"));
              else controller.close();
            },
          }),
        );
      },
      { timeoutMs: 50 },
    );
    const reader = takeBody(await get());
    let text = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += new TextDecoder().decode(chunk.value);
      await new Promise((resolve) => setTimeout(resolve, 120));
    }
    expect(text).toBe("xxx");
  });

  it("turns the caller's abort into DcsAbortError, also while queued", async () => {
    const { get } = harness(
      (request) =>
        new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason)),
        ),
    );
    const first = new AbortController();
    const second = new AbortController();
    const a = get("/a", { signal: first.signal }).catch((e) => e);
    const b = get("/b", { signal: second.signal }).catch((e) => e); // waits for the slot
    second.abort();
    first.abort();
    expect(await a).toBeInstanceOf(DcsAbortError);
    expect(await b).toBeInstanceOf(DcsAbortError);
  });

  it("a body that breaks off is a DcsProtocolError", async () => {
    const { get } = harness(
      () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              controller.error(new TypeError("terminated"));
            },
          }),
        ),
    );
    const response = await get();
    await expect(takeBody(response).text()).rejects.toBeInstanceOf(DcsProtocolError);
  });
});

describe("transport: one request in flight", () => {
  it("holds the slot until the body is read, serving waiters in order", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const order: string[] = [];
    const { get } = harness((request) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      order.push(new URL(request.url).pathname);
      let sent = false;
      return new Response(
        new ReadableStream({
          async pull(controller) {
            await new Promise((r) => setTimeout(r, 2));
            if (sent) {
              inFlight--;
              controller.close();
            } else {
              sent = true;
              controller.enqueue(new TextEncoder().encode("{}"));
            }
          },
        }),
      );
    });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => get(`/r${i}`).then((r) => takeBody(r).text())),
    );
    expect(maxInFlight).toBe(1);
    expect(order).toEqual(Array.from({ length: 10 }, (_, i) => `/DCSWebApi/r${i}`));
  });

  it("frees the slot when a body is cancelled", async () => {
    const { get } = harness(() => new Response(new ReadableStream({ pull() {} })));
    const first = await get();
    const second = get();
    await takeBody(first).cancel();
    await expect(second).resolves.toBeInstanceOf(Response);
  });

  it("an aborted body that nobody reads gives its slot back at once", async () => {
    const { get, seen } = harness(
      (request) =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode("[1,"));
              request.signal.addEventListener("abort", () =>
                controller.error(request.signal.reason),
              );
            },
          }),
        ),
    );
    const controller = new AbortController();
    const unread = await get("/a", { signal: controller.signal });
    const next = get("/b"); // waits: the unread body holds the client's one slot
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(seen).toHaveLength(1);
    controller.abort();
    await new Promise((resolve) => setImmediate(resolve)); // promise jobs only: no timer, no GC
    expect(seen).toHaveLength(2);
    await next;
    await expect(takeBody(unread).text()).rejects.toBeInstanceOf(DcsAbortError);
  });
});

describe("transport: the session cookie", () => {
  const signedIn = () =>
    new Response("{}", {
      headers: { "set-cookie": "COHERENT-DCS-API-TOKEN=s3cr3t-cookie; Path=/DCSWebApi; HttpOnly" },
    });

  it("keeps the cookie from Set-Cookie and sends it back to its own origin only", async () => {
    const { transport, seen, get } = harness((request) => {
      if (request.url.endsWith("/signin")) return signedIn();
      if (request.url.endsWith("/go-away"))
        return new Response(null, {
          status: 302,
          headers: { location: "https://evil.example.com/steal" },
        });
      return json({});
    });
    await takeBody(await get("/signin")).text();
    expect(transport.cookie.present).toBe(true);
    await takeBody(await get("/meters")).text();
    expect(seen[1]?.headers.get("cookie")).toBe("COHERENT-DCS-API-TOKEN=s3cr3t-cookie");
    await takeBody(await get("/go-away")).text();
    const offsite = seen.find((r) => r.url.startsWith("https://evil.example.com"));
    expect(offsite).toBeDefined();
    expect(offsite?.headers.get("cookie")).toBeNull();
    expect(JSON.stringify(transport)).not.toContain("s3cr3t");
  });

  it("forgets the cookie when the server expires it", async () => {
    const { transport, get } = harness((_, n) =>
      n === 1
        ? signedIn()
        : new Response(null, {
            status: 204,
            headers: { "set-cookie": "COHERENT-DCS-API-TOKEN=; Max-Age=0" },
          }),
    );
    await takeBody(await get("/signin")).text();
    await get("/signout");
    expect(transport.cookie.present).toBe(false);
  });

  it("logs one line per request without the cookie value", async () => {
    const lines: string[] = [];
    const { get } = harness(() => signedIn(), { logger: (line) => lines.push(line) });
    await takeBody(await get("/signin")).text();
    await takeBody(await get("/meters")).text();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^GET \/DCSWebApi\/meters 200 \d+ms 2B$/);
    expect(lines.join("\n")).not.toContain("s3cr3t");
  });
});

describe("transport: redirects a browser hides", () => {
  /** What a browser's fetch gives for a redirect asked for with `redirect: "manual"`. */
  const opaqueRedirect = () =>
    Object.defineProperty(new Response(null), "type", { value: "opaqueredirect" });

  it("a GET is asked again for the browser to follow by its own rules", async () => {
    const { get, seen } = harness((request) =>
      request.redirect === "manual" ? opaqueRedirect() : json(["landed"]),
    );
    expect(JSON.parse(await takeBody(await get()).text())).toEqual(["landed"]);
    expect(seen.map((r) => [r.method, r.redirect])).toEqual([
      ["GET", "manual"],
      ["GET", "follow"],
    ]);
  });

  it("a POST, which may hold a password, is not sent on", async () => {
    const { transport, seen } = harness(() => opaqueRedirect());
    const error = await transport
      .fetch(new Request(`${BASE}/authentication/signin`, { method: "POST", body: "{}" }))
      .catch((e) => e);
    expect(error).toBeInstanceOf(DcsProtocolError);
    expect(error.message).toMatch(/the browser does not say where; it is not sent on/);
    expect(seen).toHaveLength(1);
  });
});

describe("transport: safety checks", () => {
  it.each([
    ["http://dcs.example.org/DCSWebApi", false],
    ["https://dcs.example.org/DCSWebApi", true],
    ["http://127.0.0.1:8080/DCSWebApi", true],
    ["http://localhost/DCSWebApi", true],
    ["http://[::1]:80/DCSWebApi", true],
  ])("sending credentials to %s allowed: %s", (url, allowed) => {
    const transport = new Transport(url, "X");
    if (allowed) expect(() => transport.assertCredentialsAllowed()).not.toThrow();
    else expect(() => transport.assertCredentialsAllowed()).toThrow(/plain http/);
    expect(() =>
      new Transport(url, "X", { allowInsecureHttp: true }).assertCredentialsAllowed(),
    ).not.toThrow();
  });

  it.each(["ftp://x/y", "not a url", "https://user:pw@dcs.example.org/DCSWebApi"])(
    "refuses the base URL %j",
    (url) => {
      expect(() => new Transport(url, "X")).toThrow(DcsArgumentError);
    },
  );

  it.each([0, -1, 1.5, Number.NaN])("refuses maxBodyBytes %j", (maxBodyBytes) => {
    expect(() => new Transport(BASE, "X", { maxBodyBytes })).toThrow(DcsArgumentError);
  });

  it("reads a JSON body up to maxBodyBytes, and refuses one byte more", async () => {
    const body = JSON.stringify({ details: "x".repeat(1000) });
    const read = async (maxBodyBytes: number) => {
      const { get } = harness(() => json(JSON.parse(body)), { maxBodyBytes });
      return takeBody(await get()).text();
    };
    expect(await read(body.length)).toBe(body);
    const error = await read(body.length - 1).catch((e) => e);
    expect(error).toBeInstanceOf(DcsProtocolError);
    expect(error.message).toBe(
      `GET ${BASE}/meters: the response body is more than maxBodyBytes (${body.length - 1} bytes)`,
    );
  });

  it("maps 401 to DcsAuthError", async () => {
    const { get } = harness(() => json({ details: "Token expired" }, { status: 401 }));
    await expect(get()).rejects.toBeInstanceOf(DcsAuthError);
  });
});

describe("transport: aborts survive garbage collection", () => {
  // Node's fetch ties a request's signal to it weakly: the transport must keep it alive.
  const fetches = [
    ["the platform's fetch", undefined],
    ["a custom fetch handing the Request to Node's fetch", (request: Request) => fetch(request)],
  ] as const;

  it.each(fetches)(
    "a headers timeout reaches a request still waiting, with %s, after a full GC",
    async (_, fetch) => {
      const { createServer } = await import("node:http");
      const { setFlagsFromString } = await import("node:v8");
      const { runInNewContext } = await import("node:vm");
      setFlagsFromString("--expose-gc");
      const gc = runInNewContext("gc") as () => void;
      const server = createServer(() => {}); // never answers
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = server.address() as { port: number };
        const transport = new Transport(`http://127.0.0.1:${port}/DCSWebApi`, "X", {
          headersTimeoutMs: 400,
          retry: false,
          ...(fetch && { fetch }),
        });
        const timer = setInterval(gc, 50);
        const started = Date.now();
        const outcome = await Promise.race([
          transport
            .fetch(new PlannedRequest(`http://127.0.0.1:${port}/DCSWebApi/x`))
            .catch((e) => e),
          new Promise((resolve) => setTimeout(() => resolve("no timeout"), 3000)),
        ]);
        clearInterval(timer);
        expect(outcome).toBeInstanceOf(DcsTimeoutError);
        expect(Date.now() - started).toBeLessThan(3000);
      } finally {
        server.closeAllConnections();
        server.close();
      }
    },
  );

  it.each(fetches)(
    "an abort reaches a streaming body, with %s, after a full GC",
    async (_, fetch) => {
      const { createServer } = await import("node:http");
      const { setFlagsFromString } = await import("node:v8");
      const { runInNewContext } = await import("node:vm");
      setFlagsFromString("--expose-gc");
      const gc = runInNewContext("gc") as () => void;
      const server = createServer((req, res) => {
        res.writeHead(200);
        const timer = setInterval(() => res.write("x".repeat(100)), 10);
        req.on("close", () => clearInterval(timer));
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const { port } = server.address() as { port: number };
        const transport = new Transport(`http://127.0.0.1:${port}/DCSWebApi`, "X", {
          timeoutMs: 60_000,
          ...(fetch && { fetch }),
        });
        const controller = new AbortController();
        const response = await transport.fetch(
          new Request(`http://127.0.0.1:${port}/DCSWebApi/x`, { signal: controller.signal }),
        );
        const reader = takeBody(response);
        setTimeout(() => {
          gc();
          gc();
          controller.abort();
        }, 100);
        const outcome = await (async () => {
          const until = Date.now() + 3000;
          while (Date.now() < until) await reader.read();
          return "not aborted";
        })().catch((e) => e);
        expect(outcome).toBeInstanceOf(DcsAbortError);
      } finally {
        server.closeAllConnections();
        server.close();
      }
    },
  );
});
