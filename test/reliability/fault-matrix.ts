/**
 * The fault matrix (issue #9): every fault a DCS server, IIS or the network can produce,
 * against both clients over real HTTP, on both HTTP stacks (the platform's fetch, and the
 * node:http one the Node build uses). Each cell checks the typed error, the time bound,
 * that no socket is left busy, and, for faults the SDK retries, that the data equals a clean
 * run's reading for reading. Unhandled rejections fail the test they happen in.
 *
 * Most of the matrix waits (on timeouts, stalls, backoffs), so each HTTP stack runs as a test
 * file of its own (fault-matrix.*.test.ts), in a process of its own, beside the rest of the
 * suite: `faultMatrix(stack)` declares one stack's cells.
 */
import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { createGzip } from "node:zlib";
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DcsAuthError,
  DcsError,
  DcsNetworkError,
  DcsProtocolError,
  DcsRateLimitError,
  DcsServerError,
  DcsSession,
  DcsTimeoutError,
  DcsValidationError,
  DcsWebApi,
  type RequestLogEntry,
  type TransportOptions,
} from "../../src/index.js";
import type { Fault } from "../../src/simulator/index.js";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { nodeFetch } from "../../src/transport/node-http.js";
import { type PlatformFetch, setPlatformFetch } from "../../src/transport/platform.js";
import {
  closedPort,
  expectAllSocketsClosed,
  expectNoHangingSockets,
  KINDS,
  type Kind,
  RANGE,
  type RawServer,
  startRawServer,
  watchUnhandledRejections,
} from "./helpers.js";

/** The HTTP stacks: `fetch` undefined keeps the platform's own. */
export const STACKS = {
  fetch: { stack: "fetch", fetch: undefined },
  "node:http": { stack: "node:http", fetch: nodeFetch },
} as const;

/**
 * Declares the matrix for one HTTP stack (both clients), and, with `withCookieExpiry`, the
 * tests of a session expiring mid-range (which use the platform's fetch whatever the stack).
 */
export function faultMatrix(stackName: keyof typeof STACKS, withCookieExpiry: boolean): void {
  let server: RunningDcsSimulator;
  let register: number;

  beforeAll(async () => {
    server = await startDcsSimulator({ port: 0 });
    register = server.simulator.estate.meters
      .flatMap((m) => m.registers)
      .find((r) => !r.isInstantaneous && r.unit === "kWh")!.id;
  });
  afterAll(async () => {
    await expectAllSocketsClosed(server); // idle and spare sockets too, once the dust settles
    await server.close();
  }, 15_000);
  watchUnhandledRejections();

  /** Fast retries so the matrix runs in seconds; the policy is the default one otherwise. */
  const FAST: TransportOptions = { retry: { backoffMs: 5 }, timeoutMs: 5000 };

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Runs `call`, returning its error (or its value) and how long it took. */
  async function timed<T>(call: () => Promise<T>): Promise<{ outcome: T | unknown; ms: number }> {
    const started = performance.now();
    const outcome = await call().catch((error: unknown) => error);
    return { outcome, ms: performance.now() - started };
  }

  /** Each client on this HTTP stack. */
  const CELLS = KINDS.map((kind) => ({ ...kind, ...STACKS[stackName] }));

  describe.each(CELLS)(
    "fault matrix: $name over $stack",
    (kind: Kind & { fetch?: PlatformFetch }) => {
      let clean: unknown[];
      let previousFetch: PlatformFetch | undefined;
      afterAll(() => {
        if (previousFetch) setPlatformFetch(previousFetch);
      });
      const attempts: RequestLogEntry[] = [];
      const client = (options: TransportOptions = {}) =>
        kind.make(server.url, register, {
          ...FAST,
          logger: (_, entry) => attempts.push(entry),
          ...options,
        });
      /** Attempts at the readings endpoint logged so far in this test. */
      const readingAttempts = () =>
        attempts.filter((e) => e.path.toLowerCase().includes(kind.readingsPath));
      const fault = (f: Fault, times?: number, path: string | RegExp = kind.readingsPath) =>
        server.simulator.addFault({ path, fault: f, times });

      beforeAll(async () => {
        if (kind.fetch) previousFetch = setPlatformFetch(kind.fetch);
        clean = await (await client()).readings();
        expect(clean.length).toBe(14 * 48);
      });
      let started = 0;
      beforeEach(() => {
        started = performance.now();
      });
      afterEach(async () => {
        // Every cell's bound: timeouts are 200-400 ms, waits 1 s at most, retries 5-20 ms.
        expect(performance.now() - started).toBeLessThan(3000);
        attempts.length = 0;
        server.simulator.clearFaults();
        await expectNoHangingSockets(server);
      });

      it("connection refused: DcsNetworkError (ECONNREFUSED) after the retries", async () => {
        const port = await closedPort();
        const dcs = await kind.make(`http://127.0.0.1:${port}`, register, FAST, false);
        const { outcome, ms } = await timed(() => dcs.readings());
        expect(outcome).toBeInstanceOf(DcsNetworkError);
        expect((outcome as Error).message).toContain("ECONNREFUSED");
        expect(ms).toBeLessThan(2000);
      });

      it("reset before headers, once: retried, data equals a clean run", async () => {
        fault({ kind: "reset" }, 1);
        expect(await (await client()).readings()).toEqual(clean);
        expect(readingAttempts().map((e) => e.error)).toEqual(["DcsNetworkError", undefined]);
      });

      it("reset before headers, every time: DcsNetworkError after 3 attempts", async () => {
        fault({ kind: "reset" });
        const { outcome, ms } = await timed(async () => (await client()).readings());
        expect(outcome).toBeInstanceOf(DcsNetworkError);
        expect(readingAttempts()).toHaveLength(3);
        expect(ms).toBeLessThan(2000);
      });

      it("dropped after N bytes of the body (N random): DcsProtocolError, readings before it intact", async () => {
        const dcs = await client();
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: 12_000 }), async (afterBytes) => {
            const remove = fault({ kind: "drop", afterBytes }, 1);
            const got: unknown[] = [];
            const { outcome } = await timed(async () => {
              for await (const reading of await dcs.stream()) got.push(reading);
              return "complete";
            });
            remove();
            if (outcome === "complete") {
              // Only possible if the socket died before the headers: a reset, which is retried.
              expect(got).toEqual(clean);
            } else {
              expect(outcome).toBeInstanceOf(DcsProtocolError);
              expect(got).toEqual(clean.slice(0, got.length)); // never a wrong or skipped reading
            }
          }),
          { numRuns: 15, seed: 9 },
        );
      });

      it("headers then silence: DcsTimeoutError within timeoutMs", async () => {
        fault({ kind: "stall" });
        const dcs = await client({ timeoutMs: 300 });
        const { outcome, ms } = await timed(() => dcs.readings());
        expect(outcome).toBeInstanceOf(DcsTimeoutError);
        expect((outcome as Error).message).toMatch(/nothing received for 300 ms/);
        expect(ms).toBeLessThan(300 + 1000);
      });

      it("a consumer pausing longer than timeoutMs, twice, still gets every reading", async () => {
        const dcs = await client({ timeoutMs: 300 });
        const got: unknown[] = [];
        for await (const reading of await dcs.stream()) {
          if (got.length === 1 || got.length === 300) await sleep(400);
          got.push(reading);
        }
        expect(got).toEqual(clean);
      });

      it("a server stalling mid-body while the consumer pauses: DcsTimeoutError within timeoutMs of the wait", async () => {
        fault({ kind: "stall", afterBytes: 2000 }); // of the gzipped body: a few hundred readings
        const dcs = await client({ timeoutMs: 300 });
        const got: unknown[] = [];
        let resumed = 0;
        const { outcome } = await timed(async () => {
          for await (const reading of await dcs.stream()) {
            if (got.length === 1) {
              await sleep(400); // the consumer's own time: not a stall
              resumed = performance.now();
            }
            got.push(reading);
          }
        });
        expect(outcome).toBeInstanceOf(DcsTimeoutError);
        expect(performance.now() - resumed).toBeLessThan(300 + 1000);
        expect(got.length).toBeGreaterThan(100); // the readings those bytes held
        expect(got).toEqual(clean.slice(0, got.length));
      });

      it("no headers at all: DcsTimeoutError within headersTimeoutMs", async () => {
        fault({ kind: "latency", ms: 10_000 });
        const dcs = await client({ headersTimeoutMs: 200 });
        const { outcome, ms } = await timed(() => dcs.readings());
        expect(outcome).toBeInstanceOf(DcsTimeoutError);
        expect((outcome as Error).message).toMatch(/no response headers within 200 ms/);
        expect(ms).toBeLessThan(200 + 1000);
      });

      it("a body trickling in for longer than timeoutMs, every gap shorter: complete, equal to a clean run", async () => {
        fault({ kind: "trickle", chunkBytes: 512, intervalMs: 40 }); // 11+ pieces of the gzipped body
        const dcs = await client({ timeoutMs: 300 });
        const { outcome, ms } = await timed(() => dcs.readings());
        expect(outcome).toEqual(clean);
        expect(ms).toBeGreaterThan(300);
      });

      it("429 with Retry-After, twice: waits, retries, data equals a clean run", async () => {
        fault({ kind: "rateLimit", retryAfterSeconds: 0 }, 2);
        expect(await (await client()).readings()).toEqual(clean);
        expect(readingAttempts().map((e) => e.status)).toEqual([429, 429, 200]);
      });

      it("429 without Retry-After: waits the body's backOffSuggestion, data equals a clean run", async () => {
        fault({ kind: "rateLimit", retryAfterSeconds: null, backOffSeconds: 0.3 }, 1);
        const dcs = await client();
        const { outcome, ms } = await timed(() => dcs.readings());
        expect(outcome).toEqual(clean);
        expect(ms).toBeGreaterThanOrEqual(290); // the suggestion, not the 5 ms backoff
        expect(ms).toBeLessThan(2300);
      });

      it("429 repeated: DcsRateLimitError after rateLimitRetries, with retryAfterMs", async () => {
        fault({ kind: "rateLimit", retryAfterSeconds: 0 });
        const dcs = await client({ retry: { rateLimitRetries: 2, backoffMs: 5 } });
        const { outcome, ms } = await timed(() => dcs.readings());
        expect(outcome).toBeInstanceOf(DcsRateLimitError);
        expect((outcome as DcsRateLimitError).retryAfterMs).toBe(0);
        expect(readingAttempts()).toHaveLength(3);
        expect(ms).toBeLessThan(2000);
      });

      it.each([
        [429, "-1"],
        [503, "3, 4"],
      ] as const)(
        "%i with a garbage Retry-After (%j): waits the backoff, never zero",
        async (status, retryAfter) => {
          const arrivals: number[] = [];
          const raw = await startRawServer((_, res) => {
            arrivals.push(performance.now());
            res.writeHead(status, {
              "retry-after": retryAfter,
              "content-type": "application/json",
            });
            res.end("{}");
          });
          try {
            const retry = { backoffMs: 100, rateLimitRetries: 2 };
            const dcs = await kind.make(raw.url, register, { ...FAST, retry }, false);
            const error = await dcs.readings().catch((e) => e);
            expect(error.status).toBe(status);
            expect(arrivals).toHaveLength(3);
            // Backoff with jitter: at least half of 100 ms, then of 200 ms.
            expect((arrivals[1] as number) - (arrivals[0] as number)).toBeGreaterThanOrEqual(45);
            expect((arrivals[2] as number) - (arrivals[1] as number)).toBeGreaterThanOrEqual(95);
          } finally {
            await raw.close();
          }
        },
      );

      it.each([
        ["429", { kind: "rateLimit", retryAfterSeconds: 3600 }, DcsRateLimitError],
        ["503", { kind: "status", status: 503, retryAfterSeconds: 3600 }, DcsServerError],
      ] as const)(
        "%s with a Retry-After beyond maxDelayMs: gives up at once",
        async (_, f, type) => {
          fault(f);
          const dcs = await client({ retry: { maxDelayMs: 1000 } });
          const { outcome, ms } = await timed(() => dcs.readings());
          expect(outcome).toBeInstanceOf(type);
          expect(readingAttempts()).toHaveLength(1);
          expect(ms).toBeLessThan(900);
        },
      );

      it("500: DcsServerError at once (not retried)", async () => {
        fault({ kind: "status", status: 500 });
        const { outcome } = await timed(async () => (await client()).readings());
        expect(outcome).toBeInstanceOf(DcsServerError);
        expect((outcome as DcsServerError).status).toBe(500);
        expect((outcome as DcsServerError).details).toContain("500");
        expect(readingAttempts()).toHaveLength(1);
      });

      it.each([502, 503, 504] as const)(
        "%i once: retried, data equals a clean run",
        async (status) => {
          fault({ kind: "status", status }, 1);
          expect(await (await client()).readings()).toEqual(clean);
          expect(readingAttempts().map((e) => e.status)).toEqual([status, 200]);
        },
      );

      it.each([502, 503, 504] as const)(
        "%i every time: DcsServerError after 3 attempts",
        async (status) => {
          fault({ kind: "status", status });
          const { outcome, ms } = await timed(async () => (await client()).readings());
          expect(outcome).toBeInstanceOf(DcsServerError);
          expect((outcome as DcsServerError).status).toBe(status);
          expect(readingAttempts()).toHaveLength(3);
          expect(ms).toBeLessThan(2000);
        },
      );

      it("an IIS HTML page with 200: DcsProtocolError", async () => {
        fault({ kind: "html", status: 200 });
        const dcs = await client();
        expect(await dcs.readings().catch((e) => e)).toBeInstanceOf(DcsProtocolError);
        fault({ kind: "html", status: 200 }, undefined, kind.estatePath);
        const error = await dcs.estate().catch((e) => e);
        expect(error).toBeInstanceOf(DcsProtocolError);
        expect(error.message).toMatch(/an HTML page \("200 - OK"\)/);
      });

      it("an IIS HTML page with 500: DcsServerError naming the page", async () => {
        fault({ kind: "html", status: 500 });
        const error = await (await client()).readings().catch((e) => e);
        expect(error).toBeInstanceOf(DcsServerError);
        expect(error.details).toBe("HTML error page: 500 - Internal Server Error");
      });

      it("JSON of the wrong shape: DcsProtocolError for readings, DcsValidationError for meters", async () => {
        const dcs = await client();
        fault({ kind: "wrongShape" });
        expect(await dcs.readings().catch((e) => e)).toBeInstanceOf(DcsProtocolError);
        fault({ kind: "wrongShape" }, undefined, kind.estatePath);
        const error = await dcs.estate().catch((e) => e);
        expect(error).toBeInstanceOf(DcsValidationError);
        expect(error.issues[0].message).toMatch(/expected array, got an object/);
      });

      it("malformed JSON: DcsProtocolError", async () => {
        const dcs = await client();
        fault({ kind: "malformed" });
        expect(await dcs.readings().catch((e) => e)).toBeInstanceOf(DcsProtocolError);
        fault({ kind: "malformed" }, undefined, kind.estatePath);
        expect(await dcs.estate().catch((e) => e)).toBeInstanceOf(DcsProtocolError);
      });

      it("an empty 200 body: DcsProtocolError for readings and meters alike", async () => {
        const dcs = await client();
        fault({ kind: "empty" });
        expect(await dcs.readings().catch((e) => e)).toBeInstanceOf(DcsProtocolError);
        fault({ kind: "empty" }, undefined, kind.estatePath);
        expect(await dcs.estate().catch((e) => e)).toBeInstanceOf(DcsProtocolError);
      });

      it("a gzip body cut short: DcsProtocolError, never a shorter list", async () => {
        fault({ kind: "gzipTruncated" });
        const error = await (await client()).readings().catch((e) => e);
        expect(error).toBeInstanceOf(DcsProtocolError);
      });

      it("every error is a DcsError, so one catch handles them all", async () => {
        fault({ kind: "status", status: 500 });
        expect(await (await client()).readings().catch((e) => e)).toBeInstanceOf(DcsError);
      });
    },
  );

  if (withCookieExpiry) cookieExpiry();
  /** A session expiring mid-range, with the platform's fetch (so in one of the files only). */
  function cookieExpiry(): void {
    describe("cookie expiry in the middle of a long range", () => {
      const range = { startTime: "2023-01-01", endTime: "2023-03-01" };

      /** A fetch that expires every session just before the `n`th readings request. */
      const expiringBefore = (n: number) => {
        let seen = 0;
        return (request: Request) => {
          if (/readings/i.test(new URL(request.url).pathname) && ++seen === n) {
            server.simulator.expireSessions();
          }
          return globalThis.fetch(request);
        };
      };

      afterEach(async () => {
        await expectNoHangingSockets(server);
      });

      it("DcsWebApi.largeReadings with reauthenticate signs in again and loses nothing", async () => {
        const options = { ...range, maxWindowDays: 10 };
        const reference = new DcsWebApi(server.webApiUrl, FAST);
        await reference.signIn("user", "password");
        const clean = await (
          await reference.largeReadings(`R${register}`, options)
        ).readings.toArray();
        const paths: string[] = [];
        const dcs = new DcsWebApi(server.webApiUrl, {
          ...FAST,
          reauthenticate: true,
          fetch: expiringBefore(3),
          logger: (_, entry) => paths.push(`${entry.status} ${entry.path.split("?")[0]}`),
        });
        await dcs.signIn("user", "password");
        const got = await (await dcs.largeReadings(`R${register}`, options)).readings.toArray();
        expect(got).toEqual(clean);
        expect(got).toHaveLength(59 * 48);
        expect(paths).toContain("401 /DCSWebApi/readings");
        expect(paths.filter((p) => p.endsWith("/signin"))).toHaveLength(2);
        await dcs.signOut();
      });

      it("DcsWebApi.largeReadings without reauthenticate: DcsAuthError, no hanging socket", async () => {
        const dcs = new DcsWebApi(server.webApiUrl, { ...FAST, fetch: expiringBefore(3) });
        await dcs.signIn("user", "password");
        const error = await dcs
          .largeReadings(`R${register}`, { ...range, maxWindowDays: 10 })
          .then((r) => r.readings.toArray())
          .catch((e) => e);
        expect(error).toBeInstanceOf(DcsAuthError);
      });

      it("DcsSession.getMegaReadings: DcsAuthError (the legacy client never keeps a password)", async () => {
        const s = new DcsSession(server.v3Url, { ...FAST, fetch: expiringBefore(3) });
        await s.login("user", "password");
        const error = await s
          .getMegaReadings(register, false, {
            start: "2023-01-01",
            end: "2023-03-01",
            maxWindowDays: 10,
          })
          .catch((e) => e);
        expect(error).toBeInstanceOf(DcsAuthError);
        // Logging in again resumes: the same range then equals one plain request.
        await s.login("user", "password");
        const whole = await s.getReadings(register, false, {
          start: "2023-01-01",
          end: "2023-03-01",
        });
        const mega = await s.getMegaReadings(register, false, {
          start: "2023-01-01",
          end: "2023-03-01",
          maxWindowDays: 10,
        });
        expect(mega).toEqual(whole);
        await s.logout();
      });
    });
  }

  /**
   * Bodies the simulator has no fault for, from a raw node:http server that speaks just enough
   * of both APIs: sign-in, sign-out, the meter list and readings (14 days of half hours).
   */
  describe.each(CELLS)(
    "hostile bodies: $name over $stack",
    (kind: Kind & { fetch?: PlatformFetch }) => {
      const answers = new Map<Call, (res: ServerResponse, legacy: boolean) => void>();
      let hostile: RawServer;
      let previousFetch: PlatformFetch | undefined;
      beforeAll(async () => {
        if (kind.fetch) previousFetch = setPlatformFetch(kind.fetch);
        hostile = await startRawServer((req, res) => {
          req.resume();
          const path = (req.url ?? "").toLowerCase().split("?")[0] ?? "";
          const legacy = path.startsWith("/dcs/");
          if (/signout$|logout$/.test(path)) return void res.writeHead(204).end();
          const call: Call = /signin$|login$/.test(path)
            ? "signin"
            : path.endsWith("meters")
              ? "estate"
              : "readings";
          (answers.get(call) ?? DEFAULT_ANSWERS[call])(res, legacy);
        });
      });
      afterAll(async () => {
        if (previousFetch) setPlatformFetch(previousFetch);
        await expectAllSocketsClosed(hostile);
        await hostile.close();
      }, 15_000);
      afterEach(async () => {
        answers.clear();
        await expectNoHangingSockets(hostile);
      });
      const client = (options: TransportOptions = {}, signIn = true) =>
        kind.make(hostile.url, 733, { ...FAST, ...options }, signIn);

      it("a long value in 100,000 tiny chunks: read in linear time, every reading intact", async () => {
        const long = "x".repeat(900_000);
        answers.set("readings", (res, legacy) =>
          inChunks(res, readingsBody(legacy, { note: long }), 100_000),
        );
        answers.set("estate", (res) => inChunks(res, metersBody(long), 100_000));
        const dcs = await client();
        const readings = (await dcs.readings()) as { note?: string }[];
        expect(readings).toHaveLength(HALF_HOURS);
        expect(readings[0]?.note).toBe(long);
        expect(((await dcs.estate()) as { name: string }[])[0]?.name).toBe(long);
      });

      it("invalid UTF-8: DcsProtocolError for readings, meters and sign-in, never U+FFFD", async () => {
        const broken = (text: string) => {
          const bytes = Buffer.from(text.replace("INVALID", "INVALID\u0000"));
          bytes[bytes.indexOf(0)] = 0xff; // a byte that is never UTF-8
          return bytes;
        };
        answers.set("readings", (res, legacy) =>
          sendJson(res, broken(readingsBody(legacy, { note: "INVALID" }))),
        );
        answers.set("estate", (res) => sendJson(res, broken(metersBody("INVALID"))));
        const dcs = await client();
        for (const call of [() => dcs.readings(), () => dcs.estate()]) {
          const error = await call().catch((e) => e);
          expect(error).toBeInstanceOf(DcsProtocolError);
          expect(error.message).toMatch(/not valid UTF-8/);
        }
        answers.set("signin", (res) => sendJson(res, broken(signInBody("INVALID"))));
        const signIn = await client({}, true).catch((e) => e);
        expect(signIn).toBeInstanceOf(DcsProtocolError);
      });

      it("an error page that is not UTF-8 still gives the typed status error", async () => {
        answers.set("estate", (res) => {
          res.writeHead(500, { "content-type": "text/html; charset=iso-8859-1" });
          res.end(Buffer.from("<html><title>Erreur \xe9</title></html>", "latin1"));
        });
        const error = await (await client()).estate().catch((e) => e);
        expect(error).toBeInstanceOf(DcsServerError);
        expect(error.status).toBe(500);
      });

      it("a gzip bomb on a JSON call: DcsProtocolError at maxBodyBytes, memory stays flat", async () => {
        const bomb = await BOMB();
        const sendBomb = (res: ServerResponse) => {
          res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
          res.end(bomb);
        };
        const maxBodyBytes = 4 * 1024 * 1024;
        const read: (number | undefined)[] = [];
        const logger = (_: string, entry: RequestLogEntry) => read.push(entry.bytes);
        const dcs = await client({ maxBodyBytes, logger });
        answers.set("estate", sendBomb);
        answers.set("signin", sendBomb);
        const rssBefore = process.memoryUsage().rss;
        const errors = [
          await dcs.estate().catch((e) => e),
          await client({ maxBodyBytes, logger }).catch((e) => e), // its sign-in
        ];
        const grown = process.memoryUsage().rss - rssBefore;
        for (const error of errors) {
          expect(error).toBeInstanceOf(DcsProtocolError);
          expect(error.message).toMatch(/more than maxBodyBytes \(4194304 bytes\)/);
        }
        // Reading stopped at the cap, far short of the bomb's 256 MiB, and nothing piled up.
        const bytes = read.slice(-2) as number[];
        for (const b of bytes) expect(b).toBeLessThan(maxBodyBytes + 1024 * 1024);
        expect(grown).toBeLessThan(100 * 1024 * 1024);
      });
    },
  );
}

/** A bomb: `mib` MiB of JSON whitespace inside `[` `]`, gzipped to about 1/1000 of that. */
async function gzipBomb(mib: number): Promise<Buffer> {
  const gzip = createGzip({ level: 1 }); // 1.1 MB on the wire: a third of level 9's time
  const parts: Buffer[] = [];
  gzip.on("data", (part: Buffer) => parts.push(part));
  const spaces = Buffer.alloc(1024 * 1024, " ");
  gzip.write("[");
  for (let i = 0; i < mib; i++) {
    if (!gzip.write(spaces)) await once(gzip, "drain");
  }
  gzip.end("]");
  await once(gzip, "end");
  return Buffer.concat(parts);
}

type Call = "signin" | "estate" | "readings";

const HALF_HOURS = 14 * 48;
/** Made on first use (a quarter of a second of gzip), once per file. */
let bomb: Promise<Buffer> | undefined;
const BOMB = () => {
  bomb ??= gzipBomb(256);
  return bomb;
};

const DEFAULT_ANSWERS: Record<Call, (res: ServerResponse, legacy: boolean) => void> = {
  signin: (res, legacy) =>
    sendJson(res, signInBody("Viewer"), {
      "set-cookie": `${legacy ? "COHERENT-DCSV3" : "COHERENT-DCS-API"}=ck-hostile; HttpOnly`,
    }),
  estate: (res) => sendJson(res, metersBody("Main incomer")),
  readings: (res, legacy) => sendJson(res, readingsBody(legacy)),
};

function sendJson(res: ServerResponse, body: string | Buffer, headers = {}): void {
  res.writeHead(200, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(body);
}

/** Writes `text` as about `count` separate HTTP chunks. */
function inChunks(res: ServerResponse, text: string, count: number): void {
  res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
  const size = Math.ceil(text.length / count);
  res.cork(); // each piece stays a chunk of its own on the wire, in one write to the socket
  for (let i = 0; i < text.length; i += size) res.write(text.slice(i, i + size));
  res.end();
  res.uncork();
}

const signInBody = (role: string) =>
  JSON.stringify({ username: "user", role, appVersion: "4.2.0" });

const metersBody = (name: string) =>
  JSON.stringify([
    {
      id: 405,
      name,
      connectionMethod: "tcp",
      deviceId: "1",
      remoteAddress: "10.0.0.1",
      serialNumber: "S1",
      status: "online",
      registers: [],
    },
  ]);

/** RANGE's readings in either API's shape; `extra` goes into the first reading. */
function readingsBody(legacy: boolean, extra: Record<string, unknown> = {}): string {
  const start = Date.parse(RANGE.start);
  const rows = Array.from({ length: HALF_HOURS }, (_, i) => {
    const time = new Date(start + i * 1_800_000).toISOString().replace(".000Z", "Z");
    const row = legacy
      ? {
          id: i + 1,
          startTime: time,
          duration: 30,
          totalValue: i,
          periodValue: 1,
          isGenerated: false,
          isInterpolated: false,
        }
      : { timestamp: time, value: i, status: 0 };
    return i === 0 ? { ...row, ...extra } : row;
  });
  if (legacy) return JSON.stringify(rows);
  return JSON.stringify({
    startTime: `${RANGE.start}T00:00:00Z`,
    endTime: `${RANGE.end}T00:00:00Z`,
    name: "Main incomer: Active Energy (import)",
    periodType: "halfHour",
    unit: "kWh",
    readingDuration: 0,
    readings: rows,
  });
}
