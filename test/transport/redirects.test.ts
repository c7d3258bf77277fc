/**
 * The one redirect rule (transport/redirects.ts), on every HTTP stack the transport runs on:
 * node:http, Node's fetch as the platform fetch, and a custom fetch handing its Request to
 * Node's fetch. Each is asked for one hop at a time; the transport follows.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DcsNetworkError, DcsProtocolError } from "../../src/core/errors.js";
import { takeBody } from "../../src/transport/body.js";
import { nodeFetch } from "../../src/transport/node-http.js";
import { type PlatformFetch, setPlatformFetch } from "../../src/transport/platform.js";
import { Transport, type TransportOptions } from "../../src/transport/transport.js";
import { type RawServer, startRawServer } from "../reliability/helpers.js";

/** What a server saw of each request. */
interface Seen {
  server: "home" | "other";
  method: string;
  path: string;
  cookie: string | undefined;
  authorization: string | undefined;
  body: string;
}

const seen: Seen[] = [];
let home: RawServer;
let other: RawServer; // another origin
const routes = new Map<string, (res: ServerResponse) => void>();

function recorder(server: Seen["server"]) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const { cookie, authorization } = req.headers;
    seen.push({ server, method: req.method ?? "", path, cookie, authorization, body });
    const route = routes.get(`${server} ${path}`);
    if (route) return route(res);
    res.writeHead(200, { "content-type": "application/json" }).end('"here"');
  };
}

beforeAll(async () => {
  home = await startRawServer((req, res) => void recorder("home")(req, res));
  other = await startRawServer((req, res) => void recorder("other")(req, res));
  routes.set("home /DCSWebApi/signin", (res) =>
    res.writeHead(200, { "set-cookie": "COHERENT-DCS-API=ck-1; Path=/; HttpOnly" }).end("{}"),
  );
});
afterAll(async () => {
  await home.close();
  await other.close();
});

/** `path` on the home server answers `status` with `location`. */
function redirect(path: string, status: number, location: string): string {
  routes.set(`home ${path}`, (res) => res.writeHead(status, { location }).end());
  return `${home.url}${path}`;
}

const STACKS: { stack: string; platform?: PlatformFetch; options?: TransportOptions }[] = [
  { stack: "node:http", platform: nodeFetch },
  { stack: "Node's fetch", platform: (url, init) => fetch(url, init) },
  { stack: "a custom fetch", options: { fetch: (request) => fetch(request) } },
];

describe.each(STACKS)("redirects over $stack", ({ platform, options }) => {
  let previous: PlatformFetch | undefined;
  beforeAll(() => {
    if (platform) previous = setPlatformFetch(platform);
  });
  afterAll(() => {
    if (previous) setPlatformFetch(previous);
  });

  /** A transport for the home server; signed in (it holds a cookie) unless told otherwise. */
  async function transport(signIn = true) {
    const t = new Transport(`${home.url}/DCSWebApi`, "COHERENT-DCS-API", {
      retry: { backoffMs: 1 },
      ...options,
    });
    if (signIn) await takeBody(await t.fetch(new Request(`${home.url}/DCSWebApi/signin`))).text();
    seen.length = 0;
    return t;
  }
  const text = async (response: Response) => takeBody(response).text();

  it.each([301, 302, 303, 307, 308])(
    "a GET follows %i on its own origin, with the cookie, and says where it landed",
    async (status) => {
      const t = await transport();
      const url = redirect(`/DCSWebApi/moved-${status}`, status, "/DCSWebApi/target");
      const response = await t.fetch(new Request(url));
      expect(await text(response)).toBe('"here"');
      expect(response.url).toBe(`${home.url}/DCSWebApi/target`);
      expect(seen.map((s) => [s.method, s.path, s.cookie])).toEqual([
        ["GET", `/DCSWebApi/moved-${status}`, "COHERENT-DCS-API=ck-1"],
        ["GET", "/DCSWebApi/target", "COHERENT-DCS-API=ck-1"],
      ]);
    },
  );

  it("a GET follows a redirect to another origin without the cookie or the authorization", async () => {
    const t = await transport();
    const url = redirect("/DCSWebApi/away", 307, `${other.url}/target`);
    const headers = { authorization: "Bearer home-only" };
    await text(await t.fetch(new Request(url, { headers })));
    expect(seen.map((s) => [s.server, s.path, s.cookie, s.authorization])).toEqual([
      ["home", "/DCSWebApi/away", "COHERENT-DCS-API=ck-1", "Bearer home-only"],
      ["other", "/target", undefined, undefined],
    ]);
  });

  it("a POST follows only 307 or 308 on its own origin, with its body; any other redirect is a DcsProtocolError, and nothing more is sent", async () => {
    const t = await transport();
    const post = (url: string) => t.fetch(new Request(url, { method: "POST", body: '{"a":1}' }));
    await text(await post(redirect("/DCSWebApi/keep", 307, "/DCSWebApi/posted")));
    await text(await post(redirect("/DCSWebApi/keep-308", 308, "/DCSWebApi/posted")));
    expect(seen.map((s) => [s.method, s.path, s.body])).toEqual([
      ["POST", "/DCSWebApi/keep", '{"a":1}'],
      ["POST", "/DCSWebApi/posted", '{"a":1}'],
      ["POST", "/DCSWebApi/keep-308", '{"a":1}'],
      ["POST", "/DCSWebApi/posted", '{"a":1}'],
    ]);
    for (const [path, status, location, reason] of [
      ["/DCSWebApi/see", 303, "/DCSWebApi/posted", /303 would turn the POST into a GET/],
      ["/DCSWebApi/found", 302, "/DCSWebApi/posted", /302 would turn the POST into a GET/],
      ["/DCSWebApi/off", 308, `${other.url}/posted`, /only sent to its own origin/],
    ] as const) {
      seen.length = 0;
      const error = await post(redirect(path, status, location)).catch((e) => e);
      expect(error).toBeInstanceOf(DcsProtocolError);
      expect(error.status).toBe(status);
      expect(error.message).toMatch(reason);
      expect(seen.map((s) => s.path)).toEqual([path]);
    }
  });

  it("gives up after 20 redirects with a DcsProtocolError, not retried", async () => {
    const t = await transport(false);
    const url = redirect("/DCSWebApi/loop", 302, "/DCSWebApi/loop");
    const error = await t.fetch(new Request(url)).catch((e) => e);
    expect(error).toBeInstanceOf(DcsProtocolError);
    expect(error.message).toMatch(/redirected more than 20 times/);
    expect(seen).toHaveLength(21);
  });

  it.each([
    ["a Location that is not http", "ftp://127.0.0.1/file", /it leads to ftp:, which is not http/],
    ["no Location", "", /it has no valid Location/],
  ])(
    "a redirect with %s is a DcsProtocolError, not a network error",
    async (_, location, reason) => {
      const t = await transport(false);
      const url = `${home.url}/DCSWebApi/odd`;
      routes.set("home /DCSWebApi/odd", (res) =>
        res.writeHead(302, location ? { location } : {}).end(),
      );
      const error = await t.fetch(new Request(url)).catch((e) => e);
      expect(error).not.toBeInstanceOf(DcsNetworkError);
      expect(error).toBeInstanceOf(DcsProtocolError);
      expect(error.message).toMatch(reason);
      expect(seen).toHaveLength(1);
    },
  );
});
