/**
 * The SDK in real headless Chromium: a page on one loopback origin uses `coherent-dcs` (bundled
 * for the browser) against the simulator on another origin (another port) that allows it by
 * CORS with credentials. Everything the page finds is returned as plain JSON and asserted here.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import { startRawServer } from "../reliability/helpers.js";
import {
  bundleSdkForBrowser,
  launchChromium,
  type StaticServer,
  sampleSources,
  serveStatic,
} from "./harness.js";

declare global {
  interface Window {
    /** The SDK, as the test page's module put it there. */
    sdk: typeof import("../../src/index.js");
    /** A client kept between two `evaluate` calls of one test. */
    client?: InstanceType<typeof import("../../src/index.js").DcsWebApi>;
  }
}

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>coherent-dcs in a browser</title>
<script type="module">
  import * as sdk from "/coherent-dcs.js";
  window.sdk = sdk;
</script>`;

let site: StaticServer; // the page's origin, allowed by the simulator's CORS
let stranger: StaticServer; // the same page on an origin the simulator does not allow
let server: RunningDcsSimulator;
let browser: Browser;
let page: Page;
let api: string;
let register: string;
let virtualMeter: string;

async function openPage(origin: string): Promise<Page> {
  const opened = await browser.newPage();
  await opened.goto(`${origin}/`);
  await opened.waitForFunction(() => window.sdk !== undefined);
  return opened;
}

beforeAll(async () => {
  const files = new Map([
    ["/index.html", PAGE],
    ["/coherent-dcs.js", await bundleSdkForBrowser()],
  ]);
  [site, stranger] = await Promise.all([serveStatic(files), serveStatic(files)]);
  server = await startDcsSimulator({ port: 0, cors: { origins: [site.origin] } });
  api = server.webApiUrl;
  ({ register, virtualMeter } = sampleSources(server));
  browser = await launchChromium();
  page = await openPage(site.origin);
}, 60_000); // bundling and starting Chromium take longer on a busy machine

afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.close(), site?.close(), stranger?.close()]);
});

describe("coherent-dcs in Chromium, across origins", () => {
  it("is served from one origin and talks to the simulator on another", () => {
    expect(new URL(site.origin).host).not.toBe(new URL(api).host);
    expect(new URL(site.origin).hostname).toBe(new URL(api).hostname); // same site: Lax cookies go
  });

  it("signs in with credentials: include; the HttpOnly cookie rides along and signOut ends it", async () => {
    const signedIn = await page.evaluate(async (url) => {
      const { DcsWebApi } = window.sdk;
      const publicCount = (await new DcsWebApi(url).meters()).length;
      const dcs = new DcsWebApi(url);
      window.client = dcs;
      const user = await dcs.signIn("restricted", "restricted-password");
      return { user: { username: user.username, role: user.role }, publicCount };
    }, api);
    expect(signedIn).toEqual({ user: { username: "restricted", role: "Viewer" }, publicCount: 20 });
    // The browser holds the session cookie, out of the page's reach. Only its attributes are
    // compared: a failing assertion must not print the cookie's value.
    const sessionCookies = async () =>
      (await page.context().cookies(api))
        .filter((cookie) => cookie.name === "COHERENT-DCS-API")
        .map(({ name, path, httpOnly, sameSite }) => ({ name, path, httpOnly, sameSite }));
    expect(await sessionCookies()).toEqual([
      { name: "COHERENT-DCS-API", path: "/DCSWebApi", httpOnly: true, sameSite: "Lax" },
    ]);

    const result = await page.evaluate(async (url) => {
      const dcs = window.client!;
      const meters = await dcs.meters(); // /meters: only works with the session cookie
      const virtualMeters = await dcs.virtualMeters();
      const wasSignedIn = dcs.isSignedIn;
      await dcs.signOut();
      // The browser's cookie was cleared and the token cancelled: the private endpoint refuses.
      const after = await fetch(`${url}/meters`, { credentials: "include" });
      return {
        wasSignedIn,
        meterIds: meters.map((m) => m.id),
        registersAreArrays: meters.every((m) => Array.isArray(m.registers)),
        virtualMeterCount: virtualMeters.length,
        signedInAfterSignOut: dcs.isSignedIn,
        statusAfterSignOut: after.status,
      };
    }, api);
    expect(result.wasSignedIn).toBe(true);
    expect(result.meterIds).toHaveLength(3); // the restricted profile, so the cookie was sent
    expect(result.registersAreArrays).toBe(true);
    expect(result.virtualMeterCount).toBeGreaterThan(0);
    expect(result.signedInAfterSignOut).toBe(false);
    expect(result.statusAfterSignOut).toBe(401);
    expect(await sessionCookies()).toEqual([]);
  });

  it("streams a year of half-hourly readings with for await, as Dates", async () => {
    const result = await page.evaluate(
      async ({ url, id }) => {
        const { DcsWebApi } = window.sdk;
        const dcs = new DcsWebApi(url);
        await dcs.signIn("user", "password");
        const res = await dcs.readings(id, { startTime: "2023-01-01", endTime: "2024-01-01" });
        let count = 0;
        let allDates = true;
        let onGrid = true;
        let numbers = true;
        let previous = Date.UTC(2023, 0, 1) - 1_800_000;
        for await (const reading of res.readings) {
          count++;
          allDates &&= reading.timestamp instanceof Date;
          onGrid &&= reading.timestamp.getTime() - previous === 1_800_000;
          numbers &&= typeof reading.value === "number" && typeof reading.status === "number";
          previous = reading.timestamp.getTime();
        }
        await dcs.signOut();
        return {
          count,
          allDates,
          onGrid,
          numbers,
          last: new Date(previous).toISOString(),
          header: {
            startTime: res.startTime instanceof Date ? res.startTime.toISOString() : "not a Date",
            endTime: res.endTime instanceof Date ? res.endTime.toISOString() : "not a Date",
            periodType: res.periodType,
            unit: res.unit,
          },
        };
      },
      { url: api, id: register },
    );
    expect(result.count).toBe(17_520); // 365 days × 48 half hours
    expect(result).toMatchObject({ allDates: true, onGrid: true, numbers: true });
    expect(result.last).toBe("2023-12-31T23:30:00.000Z");
    expect(result.header).toEqual({
      startTime: "2023-01-01T00:00:00.000Z",
      endTime: "2024-01-01T00:00:00.000Z",
      periodType: "halfHour",
      unit: "kWh",
    });
  });

  it("stops a stream on break: the download ends and the client is free again", async () => {
    const result = await page.evaluate(
      async ({ url, id }) => {
        const { DcsWebApi } = window.sdk;
        const dcs = new DcsWebApi(url); // one request in flight per client
        const res = await dcs.readings(id, { startTime: "2015-01-01", endTime: "2025-01-01" });
        let seen = 0;
        for await (const _ of res.readings) if (++seen === 1000) break;
        const afterBreak = await res.readings.next();
        const meters = await dcs.meters(); // would wait forever if the stream held the slot
        return { seen, count: res.readings.count, ended: afterBreak.done, meters: meters.length };
      },
      { url: api, id: register },
    );
    expect(result).toEqual({ seen: 1000, count: 1000, ended: true, meters: 20 });
    // The browser really cancelled the ten-year body, so the server stopped sending it.
    await expect.poll(() => server.simulator.stats.inFlight, { timeout: 5000 }).toBe(0);
  });

  it("aborts a stream with an AbortSignal: the loop throws DcsAbortError", async () => {
    const result = await page.evaluate(
      async ({ url, id }) => {
        const { DcsWebApi, DcsAbortError, DcsError } = window.sdk;
        const dcs = new DcsWebApi(url);
        const controller = new AbortController();
        const res = await dcs.readings(id, {
          startTime: "2015-01-01",
          endTime: "2025-01-01",
          signal: controller.signal,
        });
        let seen = 0;
        let error: unknown;
        try {
          for await (const _ of res.readings) if (++seen === 500) controller.abort();
        } catch (caught) {
          error = caught;
        }
        const meters = await dcs.meters();
        return {
          seen,
          isAbortError: error instanceof DcsAbortError,
          isDcsError: error instanceof DcsError,
          name: (error as Error | undefined)?.name,
          meters: meters.length,
        };
      },
      { url: api, id: register },
    );
    // DcsAbortError is named "AbortError", like the DOMException that code already checks for.
    expect(result).toMatchObject({ isAbortError: true, isDcsError: true, name: "AbortError" });
    // Readings already decoded in the current batch are still handed out; then the loop throws.
    expect(result.seen).toBeGreaterThanOrEqual(500);
    expect(result.seen).toBeLessThan(3653 * 48); // short of the ten years
    expect(result.meters).toBe(20);
    await expect.poll(() => server.simulator.stats.inFlight, { timeout: 5000 }).toBe(0);
  });

  it("raises typed errors that instanceof recognises inside the page", async () => {
    const result = await page.evaluate(async (url) => {
      const { DcsWebApi, DcsAuthError, DcsNotFoundError, DcsError } = window.sdk;
      const dcs = new DcsWebApi(url, { retry: false });
      const auth = await dcs.signIn("user", "not-the-password").then(
        () => undefined,
        (error: unknown) => error,
      );
      const authText = auth instanceof Error ? `${String(auth)}\n${auth.stack}` : "";
      const missing = await dcs
        .readings("R4000000000", { startTime: "2024-01-01", endTime: "2024-01-02" })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      return {
        auth: {
          isAuthError: auth instanceof DcsAuthError,
          isDcsError: auth instanceof DcsError,
          status: (auth as InstanceType<typeof DcsError>).status,
          leaksPassword: authText.includes("not-the-password"),
        },
        signedIn: dcs.isSignedIn,
        missing: {
          isNotFoundError: missing instanceof DcsNotFoundError,
          isDcsError: missing instanceof DcsError,
          status: (missing as InstanceType<typeof DcsError>).status,
        },
      };
    }, api);
    expect(result.auth).toEqual({
      isAuthError: true,
      isDcsError: true,
      status: 401,
      leaksPassword: false,
    });
    expect(result.signedIn).toBe(false);
    expect(result.missing).toEqual({ isNotFoundError: true, isDcsError: true, status: 404 });
  });

  it("fails with DcsNetworkError from an origin the server's CORS does not allow", async () => {
    const elsewhere = await openPage(stranger.origin);
    try {
      const result = await elsewhere.evaluate(async (url) => {
        const { DcsWebApi, DcsNetworkError, DcsError } = window.sdk;
        const dcs = new DcsWebApi(url, { retry: false });
        const error = await dcs.meters().then(
          () => undefined,
          (caught: unknown) => caught,
        );
        return {
          isNetworkError: error instanceof DcsNetworkError,
          isDcsError: error instanceof DcsError,
          name: (error as Error | undefined)?.name,
        };
      }, api);
      expect(result).toEqual({ isNetworkError: true, isDcsError: true, name: "DcsNetworkError" });
    } finally {
      await elsewhere.close();
    }
  });

  it("works in public mode without signing in", async () => {
    const result = await page.evaluate(
      async ({ url, vm }) => {
        const { DcsWebApi } = window.sdk;
        const dcs = new DcsWebApi(url);
        const meters = await dcs.meters();
        const virtualMeters = await dcs.virtualMeters();
        const res = await dcs.readings(vm, { startTime: "2024-06-01", endTime: "2024-06-02" });
        const readings = await res.readings.toArray();
        return {
          signedIn: dcs.isSignedIn,
          meters: meters.length,
          virtualMeters: virtualMeters.length,
          readings: readings.length,
          firstIsDate: readings[0]?.timestamp instanceof Date,
        };
      },
      { url: api, vm: virtualMeter },
    );
    expect(result).toEqual({
      signedIn: false,
      meters: 20,
      virtualMeters: 5,
      readings: 48,
      firstIsDate: true,
    });
  });
});

describe("a sign-in that its server redirects, in Chromium", () => {
  it("is not sent on: the browser hides where a redirect leads, so the SDK refuses it", async () => {
    // Hostile servers: they allow any origin, the "null" one of a redirected request too.
    const allow = (req: IncomingMessage, res: ServerResponse) => {
      res.setHeader("access-control-allow-origin", req.headers.origin ?? "null");
      res.setHeader("access-control-allow-credentials", "true");
      res.setHeader("access-control-allow-headers", "content-type, accept");
      res.setHeader("access-control-allow-methods", "POST");
    };
    const posted: string[] = [];
    const elsewhere = await startRawServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      if (req.method === "POST") posted.push(body);
      allow(req, res);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ username: "user", role: "Viewer" }));
    });
    const redirecting = await startRawServer((req, res) => {
      req.resume();
      allow(req, res);
      if (req.method === "OPTIONS") return void res.writeHead(204).end();
      res.writeHead(307, { location: `${elsewhere.url}${req.url}` }).end();
    });
    try {
      const outcome = await page.evaluate(async (url) => {
        const dcs = new window.sdk.DcsWebApi(url);
        return dcs.signIn("user", "Pw-browser-9f3!").then(
          () => "signed in",
          (error: Error) => `${error.name}: ${error.message}`,
        );
      }, `${redirecting.url}/DCSWebApi`);
      expect(outcome).toMatch(/^DcsProtocolError: .*the browser does not say where/);
      expect(posted).toEqual([]); // the password went nowhere else
    } finally {
      await Promise.all([elsewhere.close(), redirecting.close()]);
    }
  });
});
