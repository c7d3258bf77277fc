/**
 * Hooks (`TransportOptions.hooks`) over loopback, through both clients, on both HTTP stacks:
 * what `beforeRequest` may add, what `afterResponse` learns of each attempt, the logger as one
 * of them, and that neither ever sees the password or the session cookie.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type AttemptOutcome,
  DcsServerError,
  DcsSession,
  DcsTimeoutError,
  DcsWebApi,
  type RequestAttempt,
  type TransportOptions,
} from "../../src/index.js";
import { takeBody } from "../../src/transport/body.js";
import { nodeFetch } from "../../src/transport/node-http.js";
import { type PlatformFetch, setPlatformFetch } from "../../src/transport/platform.js";
import { Transport } from "../../src/transport/transport.js";
import { type RawServer, startRawServer } from "../reliability/helpers.js";

const PASSWORD = "Pw-hook-7e2!secret";
const COOKIE = "ck-hook-51ab9e";

/** What the server saw of each request. */
interface Seen {
  server: "home" | "other";
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}
const seen: Seen[] = [];
/** Answers 503 to this many `…/meters` requests before answering them. */
let busy = 0;
let home: RawServer;
let other: RawServer;

function handler(server: Seen["server"]) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const path = new URL(req.url ?? "/", "http://x").pathname;
    seen.push({ server, method: req.method ?? "", path, headers: req.headers, body });
    const json = (status: number, value: unknown, headers = {}) =>
      res
        .writeHead(status, { "content-type": "application/json", ...headers })
        .end(JSON.stringify(value));
    if (/signin$|login$/.test(path)) {
      const name = path.startsWith("/DCS/") ? "COHERENT-DCSV3" : "COHERENT-DCS-API";
      return json(
        200,
        { username: "user", role: "Viewer" },
        { "set-cookie": `${name}=${COOKIE}; Path=/` },
      );
    }
    if (/signout$|logout$/.test(path)) return void res.writeHead(204).end();
    if (path.endsWith("/moved")) {
      return void res.writeHead(307, { location: `${other.url}/DCSWebApi/meters` }).end();
    }
    if (path.endsWith("/meters") && busy > 0) {
      busy--;
      return json(503, { details: "busy" });
    }
    setTimeout(() => json(200, []), 30);
  };
}

beforeAll(async () => {
  home = await startRawServer((req, res) => void handler("home")(req, res));
  other = await startRawServer((req, res) => void handler("other")(req, res));
});
afterAll(async () => {
  await home.close();
  await other.close();
});
afterEach(() => {
  seen.length = 0;
  busy = 0;
});

const STACKS: { stack: string; platform: PlatformFetch }[] = [
  { stack: "node:http", platform: nodeFetch },
  { stack: "Node's fetch", platform: (url, init) => fetch(url, init) },
];

const CLIENTS = [
  {
    name: "DcsWebApi",
    make: (options: TransportOptions) => {
      const dcs = new DcsWebApi(`${home.url}/DCSWebApi`, { retry: { backoffMs: 1 }, ...options });
      return { signIn: () => dcs.signIn("user", PASSWORD), meters: () => dcs.meters() };
    },
  },
  {
    name: "DcsSession",
    make: (options: TransportOptions) => {
      const dcs = new DcsSession(`${home.url}/DCS`, { retry: { backoffMs: 1 }, ...options });
      return { signIn: () => dcs.login("user", PASSWORD), meters: () => dcs.getMeters() };
    },
  },
];

describe.each(STACKS)("hooks over $stack", ({ platform }) => {
  let previous: PlatformFetch;
  beforeAll(() => {
    previous = setPlatformFetch(platform);
  });
  afterAll(() => {
    setPlatformFetch(previous);
  });
  const webApi = (options: TransportOptions) =>
    new DcsWebApi(`${home.url}/DCSWebApi`, { retry: { backoffMs: 1 }, ...options });

  it("beforeRequest adds a header to every attempt, retries included, and the server gets it", async () => {
    busy = 1;
    const dcs = webApi({
      hooks: {
        beforeRequest: [({ request, attempt }) => request.headers.set("x-trace", `t-${attempt}`)],
      },
    });
    await dcs.meters();
    expect(seen.map((s) => [s.path, s.headers["x-trace"]])).toEqual([
      ["/DCSWebApi/public/meters", "t-1"],
      ["/DCSWebApi/public/meters", "t-2"],
    ]);
  });

  it("afterResponse sees every attempt once it is over: status, headers, time, bytes and error", async () => {
    busy = 1;
    const before: RequestAttempt[] = [];
    const after: AttemptOutcome[] = [];
    const dcs = webApi({
      hooks: {
        beforeRequest: [(a) => void before.push(a)],
        afterResponse: [(o) => void after.push(o)],
      },
    });
    await dcs.meters();
    expect(after.map((o) => [o.attempt, o.status, o.bytes, o.error?.name])).toEqual([
      [1, 503, JSON.stringify({ details: "busy" }).length, "DcsServerError"],
      [2, 200, 2, undefined],
    ]);
    expect(after[0]?.error).toBeInstanceOf(DcsServerError);
    expect(after.map((o) => o.request)).toEqual(before.map((a) => a.request)); // the same objects
    expect(after[1]?.request).toBe(before[1]?.request);
    expect(after[1]?.headers?.get("content-type")).toBe("application/json");
    expect(after[1]?.ms).toBeGreaterThanOrEqual(25); // the server waited 30 ms
  });

  it("the logger is the last afterResponse hook: one line per attempt, as before", async () => {
    busy = 1;
    const calls: string[] = [];
    const dcs = webApi({
      hooks: { afterResponse: [(o) => void calls.push(`hook ${o.attempt}`)] },
      logger: (line) => calls.push(line),
    });
    await dcs.meters();
    expect(calls).toHaveLength(4);
    expect(calls[0]).toBe("hook 1");
    expect(calls[1]).toMatch(/^GET \/DCSWebApi\/public\/meters 503 \d+ms 18B DcsServerError$/);
    expect(calls[2]).toBe("hook 2");
    expect(calls[3]).toMatch(/^GET \/DCSWebApi\/public\/meters 200 \d+ms 2B attempt 2$/);
  });

  it.each(CLIENTS)(
    "$name: hooks see neither the password nor the session cookie, while the server gets both",
    async ({ make }) => {
      const shown: unknown[] = [];
      const bodies: (string | null)[] = [];
      const { signIn, meters } = make({
        hooks: {
          beforeRequest: [
            async ({ request }) => {
              shown.push(request.method, request.url, [...request.headers]);
              bodies.push(request.body === null ? null : await request.clone().text());
            },
          ],
          afterResponse: [(o) => void shown.push(o.status, [...(o.headers ?? [])])],
        },
      });
      await signIn();
      busy = 1; // a retry while signed in, too
      await meters();
      expect(shown).toContain("POST"); // the sign-in was shown to the hooks...
      expect(bodies).toEqual([null, null, null]); // ...without its body
      const all = JSON.stringify(shown);
      expect(all).not.toContain(PASSWORD);
      expect(all).not.toContain(COOKIE);
      expect(all.toLowerCase()).not.toContain("set-cookie");
      expect(seen[0]?.body).toContain(PASSWORD);
      expect(seen.slice(1).map((s) => s.headers.cookie)).toEqual([
        expect.stringContaining(COOKIE),
        expect.stringContaining(COOKIE),
      ]);
    },
  );

  it("a hook's headers follow a redirect, but its authorization not to another origin", async () => {
    const transport = new Transport(`${home.url}/DCSWebApi`, "COHERENT-DCS-API", {
      hooks: {
        beforeRequest: [
          ({ request }) => {
            request.headers.set("authorization", "Bearer home-only");
            request.headers.set("x-trace", "t");
          },
        ],
      },
    });
    await takeBody(await transport.fetch(new Request(`${home.url}/DCSWebApi/moved`))).text();
    expect(seen.map((s) => [s.server, s.headers.authorization, s.headers["x-trace"]])).toEqual([
      ["home", "Bearer home-only", "t"],
      ["other", undefined, "t"],
    ]);
  });

  it("a beforeRequest hook that throws fails the call with its error, and nothing is sent", async () => {
    const refused = new Error("no token today");
    const dcs = webApi({
      hooks: {
        beforeRequest: [
          () => {
            throw refused;
          },
        ],
      },
    });
    await expect(dcs.meters()).rejects.toBe(refused);
    expect(seen).toEqual([]);
  });

  it("a beforeRequest hook that never settles ends at headersTimeoutMs, and nothing is sent", async () => {
    const dcs = webApi({
      headersTimeoutMs: 50,
      hooks: { beforeRequest: [() => new Promise<void>(() => {})] },
    });
    const error = await dcs.meters().catch((e) => e);
    expect(error).toBeInstanceOf(DcsTimeoutError);
    expect(seen).toEqual([]);
  });

  it("an afterResponse hook that throws leaves the call as it was; its error is thrown on its own", async () => {
    const broken = new Error("metrics are down");
    const thrown: unknown[] = [];
    const realQueueMicrotask = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (callback) =>
      realQueueMicrotask(() => {
        try {
          callback();
        } catch (error) {
          thrown.push(error);
        }
      });
    try {
      const dcs = webApi({
        hooks: {
          afterResponse: [
            () => {
              throw broken;
            },
          ],
        },
      });
      await expect(dcs.meters()).resolves.toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      globalThis.queueMicrotask = realQueueMicrotask;
    }
    expect(thrown).toEqual([broken]);
  });
});
