/**
 * Security (issue #9): no password or cookie value in any error, `String(err)`, stack,
 * `util.inspect`, logger line or CLI output; cookies stay on their origin across redirects;
 * credentials never go over plain http to a remote host; ids are checked before any request;
 * the simulator compares passwords in constant time.
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type Agent,
  createServer as createHttpsServer,
  globalAgent,
  type Server,
} from "node:https";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { keepSecret, quoteServerText } from "../../src/core/errors.js";
import {
  DcsArgumentError,
  DcsAuthError,
  DcsError,
  DcsProtocolError,
  DcsSession,
  DcsValidationError,
  DcsWebApi,
  type TransportOptions,
} from "../../src/index.js";
import { constantTimeEqual, passwordsMatch } from "../../src/simulator/auth.js";
import { createDcsSimulator } from "../../src/simulator/index.js";
import { nodeFetch } from "../../src/transport/node-http.js";
import { type PlatformFetch, setPlatformFetch } from "../../src/transport/platform.js";
import { spawnDcs } from "../cli/run-dcs.js";
import {
  expectNoHangingSockets,
  type RawServer,
  startRawServer,
  watchUnhandledRejections,
} from "./helpers.js";

watchUnhandledRejections();

const PASSWORD = "Pw-9f3!correct horse";
const COOKIE = "ck-7d41c0ffee5ecret";

/**
 * A DCS that misbehaves in every way that could leak a secret: it echoes the request body in
 * its sign-in refusals and the cookie in its other errors, redirects, and breaks bodies.
 */
let mode:
  | "ok"
  | "echo-cookie"
  | "html-500"
  | "drop"
  | "stall"
  | "not-json"
  | "offsite"
  | "same-site"
  | "quota"
  | "parser-error"
  | "sets-prefs" = "ok";
/** How sign-in answers: normally, or redirected (307/308) to another origin or its own. */
let signInMode: "ok" | "offsite-307" | "offsite-308" | "home-307" = "ok";
/** How a refusal quotes the password it was sent. */
let refusal: "echo" | "truncated" | "url-encoded" | "html" | "long-text" = "echo";
/** The session cookie's value, and whether sign-in also sets a `…-prefs` cookie after it. */
let cookieValue = "";
let setsPrefs = false;
/** What the other origin answers with: a Set-Cookie to plant or expire our session. */
let elsewhereSetCookie: string | undefined;
let hostile: RawServer;
let elsewhere: RawServer;
const seenElsewhere: (string | undefined)[] = [];
const bodiesElsewhere: string[] = [];
const seenCookies: (string | undefined)[] = [];

const htmlEscape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "#39" }[c]};`,
  );

/** A refusal that quotes the password as `refusal` says. */
function refuse(res: ServerResponse, sent: string, body: string): void {
  switch (refusal) {
    case "truncated":
      return void json(res, 401, { details: `Invalid credentials for '${sent.slice(0, 17)}...'` });
    case "url-encoded":
      return void json(res, 401, {
        details: `Rejected password=${encodeURIComponent(sent)}`,
        form: new URLSearchParams({ username: "user", password: sent }).toString(),
      });
    case "html":
      res.writeHead(401, { "content-type": "text/html" });
      return void res.end(
        `<html><title>No entry for &quot;${htmlEscape(sent)}&quot;</title></html>`,
      );
    case "long-text": // cut by the SDK at 200 characters, five characters into the password
      res.writeHead(401, { "content-type": "text/plain" });
      return void res.end(`${"x".repeat(195)}${sent}`);
    default:
      return void json(res, 401, { details: `Invalid credentials in ${body}`, request: body });
  }
}

function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function hostileHandler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = "";
  for await (const chunk of req) body += chunk;
  const path = req.url ?? "/";
  const legacy = path.startsWith("/DCS/");
  if (/signin$|login$/.test(path.split("?")[0] ?? "")) {
    if (signInMode !== "ok" && !path.includes("moved")) {
      const status = signInMode === "offsite-308" ? 308 : 307;
      const target = signInMode === "home-307" ? hostile.url : elsewhere.url;
      return void res.writeHead(status, { location: `${target}${path}?moved=1` }).end();
    }
    const sent = JSON.parse(body).password;
    // Some servers echo what they were sent; the password must still not reach the caller.
    if (sent !== PASSWORD) return refuse(res, sent, body);
    const name = legacy ? "COHERENT-DCSV3" : "COHERENT-DCS-API";
    const cookiePath = `Path=${legacy ? "/DCS" : "/DCSWebApi"}`;
    const cookies = [`${name}=${cookieValue || COOKIE}; ${cookiePath}; HttpOnly`];
    if (setsPrefs) cookies.push(`${name}-prefs=theme-dark; ${cookiePath}`);
    return json(
      res,
      200,
      { username: "user", role: "Viewer", appVersion: "4.2.0" },
      { "set-cookie": cookies },
    );
  }
  if (/signout$|logout$/.test(path)) return void res.writeHead(204).end();
  seenCookies.push(req.headers.cookie);
  switch (mode) {
    case "echo-cookie":
      return json(res, 401, { details: `Token ${req.headers.cookie} has expired` });
    case "html-500":
      res.writeHead(500, { "content-type": "text/html" });
      return void res.end(`<html><title>Error for ${req.headers.cookie}</title></html>`);
    case "drop":
      res.writeHead(200, { "content-type": "application/json" });
      res.write(`[{"id":1,"cookie":"${req.headers.cookie}"`);
      return void setTimeout(() => res.destroy(), 20);
    case "stall":
      res.writeHead(200, { "content-type": "application/json" });
      return void res.write("[");
    case "not-json":
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end(`cookie was ${req.headers.cookie}`);
    case "quota":
      return json(res, 500, { details: "Daily quota exceeded, please retry tomorrow" });
    case "parser-error": {
      // Not HTTP: a bad header byte between two copies of the cookie, so that an HTTP parser's
      // error holds it (in its bytes after the fault, or its whole packet).
      const cookie = req.headers.cookie ?? "";
      req.socket.write(`HTTP/1.1 200 OK\r\nX-A: ${cookie}\r\nX-B: \x01 ${cookie}\r\n\r\n[]`);
      return void req.socket.destroy();
    }
    case "sets-prefs": {
      const name = legacy ? "COHERENT-DCSV3-prefs" : "COHERENT-DCS-API-prefs";
      return json(res, 200, [], { "set-cookie": `${name}=theme-light; Path=/` });
    }
    case "offsite":
    case "same-site": {
      const target = mode === "offsite" ? elsewhere.url : hostile.url;
      if (path.includes("landed")) return json(res, 200, []);
      res.writeHead(302, { location: `${target}${path}?landed=1` });
      return void res.end();
    }
    default:
      return json(res, 200, []);
  }
}

beforeAll(async () => {
  hostile = await startRawServer((req, res) => void hostileHandler(req, res));
  elsewhere = await startRawServer(async (req, res) => {
    seenElsewhere.push(req.headers.cookie);
    let body = "";
    for await (const chunk of req) body += chunk;
    bodiesElsewhere.push(body);
    const name = req.url?.startsWith("/DCS/") ? "COHERENT-DCSV3" : "COHERENT-DCS-API";
    const headers = elsewhereSetCookie ? { "set-cookie": `${name}=${elsewhereSetCookie}` } : {};
    json(res, 200, [], headers);
  });
});
afterAll(async () => {
  await hostile.close();
  await elsewhere.close();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((close) => close()));
  mode = "ok";
  signInMode = "ok";
  refusal = "echo";
  cookieValue = "";
  setsPrefs = false;
  elsewhereSetCookie = undefined;
  seenElsewhere.length = 0;
  bodiesElsewhere.length = 0;
  await expectNoHangingSockets(hostile);
});

/** Everything an error can show: message, String(), stack, inspect (with its causes), JSON. */
function everythingAbout(error: unknown): string {
  const e = error as Error;
  return [e.message, String(e), e.stack, inspect(e, { depth: 10 }), JSON.stringify(e)].join("\n");
}

/** Sign-outs of the clients made by a test: no session cookie outlives its test. */
const opened: (() => Promise<void>)[] = [];

const clients = [
  {
    name: "DcsWebApi",
    make: (options: TransportOptions) => {
      const dcs = new DcsWebApi(`${hostile.url}/DCSWebApi`, options);
      opened.push(() => dcs.signOut());
      return {
        client: dcs,
        signIn: (password: string) => dcs.signIn("user", password),
        call: () => dcs.meters(),
      };
    },
  },
  {
    name: "DcsSession",
    make: (options: TransportOptions) => {
      const dcs = new DcsSession(`${hostile.url}/DCS`, options);
      opened.push(() => dcs.logout());
      return {
        client: dcs,
        signIn: (password: string) => dcs.login("user", password),
        call: () => dcs.getMeters(),
      };
    },
  },
];

describe.each(clients)("$name never shows a secret", ({ make }) => {
  it("in any error, String(err), stack, inspect or log line, whatever the server does", async () => {
    const lines: string[] = [];
    const shown: string[] = [];
    const { client, signIn, call } = make({
      logger: (line, entry) => lines.push(line, JSON.stringify(entry)),
      timeoutMs: 300,
      retry: { backoffMs: 1 },
    });
    const refused = await signIn(`${PASSWORD}-wrong`).catch((e) => e);
    expect(refused).toBeInstanceOf(DcsAuthError);
    shown.push(everythingAbout(refused));
    await signIn(PASSWORD);
    for (const m of ["echo-cookie", "html-500", "drop", "stall", "not-json"] as const) {
      mode = m;
      const error = await call().catch((e) => e);
      expect(error, m).toBeInstanceOf(DcsError);
      shown.push(everythingAbout(error));
    }
    shown.push(inspect(client, { depth: 10 }), JSON.stringify(client), String(client));
    const all = [...shown, ...lines].join("\n");
    expect(all).not.toContain(`${PASSWORD}-wrong`);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(COOKIE);
    expect(seenCookies.at(-1)).toContain(COOKIE); // the cookie was really in play
  });

  it.each(["truncated", "url-encoded", "long-text"] as const)(
    "a refusal quoting the password %s shows no piece of it",
    async (how) => {
      refusal = how;
      const error = await make({})
        .signIn(`${PASSWORD}-wrong`)
        .catch((e) => e);
      expect(error).toBeInstanceOf(DcsAuthError);
      expect(error.message).toMatch(/failed with 401/);
      expect(error.details).toMatch(/not shown/); // the server's text is not quoted at all
      const shown = everythingAbout(error);
      expect(shown).not.toContain("Pw-9f"); // its first five characters, in every form
      expect(shown).not.toContain("correct");
    },
  );

  it("a refusal quoting the password HTML-escaped shows no piece of it", async () => {
    refusal = "html";
    const sent = `Pw<9f3>&"correct' horse`;
    const error = await make({})
      .signIn(sent)
      .catch((e) => e);
    expect(error).toBeInstanceOf(DcsAuthError);
    const shown = everythingAbout(error);
    expect(shown).not.toContain(htmlEscape(sent).slice(0, 8));
    expect(shown).not.toContain("correct");
  });

  it("a one-character cookie is blanked where it can be, never inside words", async () => {
    cookieValue = "e";
    const { signIn, call } = make({});
    await signIn(PASSWORD);
    mode = "quota";
    const quota = await call().catch((e) => e);
    expect(quota.message).toContain("Daily quota exceeded, please retry tomorrow");
    expect(quota.details).toBe("Daily quota exceeded, please retry tomorrow");
    mode = "echo-cookie";
    const echoed = await call().catch((e) => e);
    expect(echoed.message).toMatch(/failed with 401/);
    expect(everythingAbout(echoed)).not.toMatch(/=e\b/);
  });
});

/** Both HTTP stacks: Node's fetch as a custom fetch (as the issue met it), and node:http. */
const STACKS: { stack: string; options: TransportOptions; platform?: PlatformFetch }[] = [
  { stack: "Node's fetch", options: { fetch: (request) => fetch(request) } },
  { stack: "node:http", options: {}, platform: nodeFetch },
];

describe.each(clients.flatMap((client) => STACKS.map((stack) => ({ ...client, ...stack }))))(
  "$name over $stack keeps its secrets",
  ({ make, options, platform }) => {
    let previous: PlatformFetch | undefined;
    beforeAll(() => {
      if (platform) previous = setPlatformFetch(platform);
    });
    afterAll(() => {
      if (previous) setPlatformFetch(previous);
    });
    const client = () => make({ ...options, retry: false });
    const cookieSent = () => expect.stringMatching(new RegExp(`=${COOKIE}(;|$)`));

    it.each(["offsite-307", "offsite-308"] as const)(
      "a sign-in answered %s is refused; the password goes nowhere else",
      async (how) => {
        signInMode = how;
        const error = await client()
          .signIn(PASSWORD)
          .catch((e) => e);
        expect(error).toBeInstanceOf(DcsProtocolError);
        expect(error.message).toMatch(/to another origin/);
        expect(bodiesElsewhere).toEqual([]); // no request reached the other origin at all
        expect(everythingAbout(error)).not.toContain(PASSWORD);
      },
    );

    it("a sign-in redirected (307) to its own origin is followed", async () => {
      signInMode = "home-307";
      const { signIn, call } = client();
      await signIn(PASSWORD);
      seenCookies.length = 0;
      await call();
      expect(seenCookies).toEqual([cookieSent()]);
    });

    it("does not carry the cookie on a redirect to another origin, but does on its own", async () => {
      const { signIn, call } = client();
      await signIn(PASSWORD);
      mode = "same-site";
      seenCookies.length = 0;
      await call();
      expect(seenCookies).toEqual([cookieSent(), cookieSent()]);
      mode = "offsite";
      await call();
      expect(seenElsewhere).toEqual([undefined]);
    });

    it("another origin reached through a redirect can neither set nor expire the session cookie", async () => {
      const { signIn, call } = client();
      await signIn(PASSWORD);
      for (const planted of ["planted-elsewhere; Path=/", "gone; Max-Age=0"]) {
        elsewhereSetCookie = planted;
        mode = "offsite";
        await call();
        mode = "ok";
        seenCookies.length = 0;
        await call();
        expect(seenCookies).toEqual([cookieSent()]);
      }
    });

    it("a second Set-Cookie whose name shares the session cookie's prefix leaves it in place", async () => {
      setsPrefs = true;
      const { signIn, call } = client();
      await signIn(PASSWORD);
      mode = "sets-prefs";
      await call();
      mode = "ok";
      seenCookies.length = 0;
      await call();
      expect(seenCookies).toEqual([cookieSent()]);
    });

    it("an HTTP parser's error that holds the cookie shows none of it, at any depth", async () => {
      const { signIn, call } = client();
      await signIn(PASSWORD);
      mode = "parser-error";
      const error = await call().catch((e) => e);
      expect(error).toBeInstanceOf(DcsError);
      const shown = everythingAbout(error);
      expect(shown).not.toContain(COOKIE);
      expect(shown).not.toContain(spacedHex(COOKIE.slice(0, 8))); // as inspect shows a Buffer
    });
  },
);

describe("a sign-in redirected from https to plain http", () => {
  const fixture = (name: string) =>
    readFileSync(new URL(`../transport/fixtures/${name}`, import.meta.url));
  const cert = fixture("loopback-cert.pem");
  let tls: Server;
  let root: string;
  beforeAll(async () => {
    tls = createHttpsServer({ cert, key: fixture("loopback-test-only-key.pem") }, (req, res) => {
      req.resume();
      res.writeHead(307, { location: `${elsewhere.url}${req.url}` }).end();
    });
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    root = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    tls.closeAllConnections();
    await new Promise((resolve) => tls.close(resolve));
  });

  it("is refused on the node:http stack: the password never travels over http", async () => {
    const agent = globalAgent as Agent & { options: { ca?: unknown } };
    agent.options.ca = cert;
    const previous = setPlatformFetch(nodeFetch);
    try {
      for (const signIn of [
        () => new DcsWebApi(`${root}/DCSWebApi`).signIn("user", PASSWORD),
        () => new DcsSession(`${root}/DCS`).login("user", PASSWORD),
      ]) {
        const error = await signIn().catch((e) => e);
        expect(error).toBeInstanceOf(DcsProtocolError);
        expect(error.message).toMatch(/to another origin \(http:\/\/127\.0\.0\.1:\d+\)/);
      }
      expect(bodiesElsewhere).toEqual([]);
    } finally {
      setPlatformFetch(previous);
      delete agent.options.ca;
      agent.destroy();
    }
  });
});

/** Bytes as `util.inspect` shows a Buffer's: two hex digits each, spaced. */
const spacedHex = (text: string) =>
  [...Buffer.from(text)].map((b) => b.toString(16).padStart(2, "0")).join(" ");

describe("secrets in use are blanked out of every error", () => {
  const SECRET = 's3cr3t-"quoted"-value';
  const shown = () => {
    const error = new DcsValidationError(`m ${SECRET}`, [{ path: ["x"], message: SECRET }], {
      details: `d ${SECRET}`,
      body: { nested: [{ echo: SECRET }] },
      cause: new Error(`c ${SECRET}`),
    });
    return [everythingAbout(error), JSON.stringify(error.issues)].join("\n");
  };

  it("while kept (counted), in message, details, body, issues and cause; not after", () => {
    const forgetA = keepSecret(SECRET);
    const forgetB = keepSecret(SECRET);
    expect(shown()).not.toContain(SECRET);
    expect(shown()).not.toContain(JSON.stringify(SECRET).slice(1, -1)); // nor JSON-escaped
    expect(shown()).toContain("[redacted]");
    forgetA();
    forgetA(); // twice is harmless
    expect(shown()).not.toContain(SECRET);
    forgetB();
    expect(shown()).toContain(SECRET);
  });

  it("in every form a server may echo it, and any run of 8 or more of its first characters", () => {
    const secret = `Pw<9f3>&"correct' horse/ü`;
    const forget = keepSecret(secret);
    try {
      const forms = [
        secret,
        JSON.stringify(secret).slice(1, -1),
        encodeURIComponent(secret),
        encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()),
        new URLSearchParams({ s: secret }).toString().slice(2),
        htmlEscape(secret), // as .NET escapes it
        htmlEscape(secret).replace("&#39;", "&#x27;"), // as Python does
      ];
      for (const form of forms) {
        const cut = form.slice(0, 8 + (form.length % 5)); // an echo the server cut short
        for (const echo of [form, cut, `x${form}x`]) {
          const error = new DcsError(`refused ${echo}!`, { details: echo, body: { echo } });
          expect(everythingAbout(error)).not.toContain(cut);
          expect(error.message).toMatch(/^refused .*\[redacted\].*!$/);
        }
      }
      expect(new DcsError("Pw<9f3> and Pw<9f3").message).toBe("Pw<9f3> and Pw<9f3"); // 7 and 6
    } finally {
      forget();
    }
  });

  it("a short secret only where it stands as a field's value", () => {
    const forget = keepSecret("e1");
    try {
      const message = (text: string) => new DcsError(text).message;
      expect(message("quota exceeded, not e1 e12 be1")).toBe("quota exceeded, not e1 e12 be1");
      for (const echo of [
        "token=e1",
        'token="e1"',
        "token: e1;",
        '{"k":"e1"}',
        "k=&quot;e1&quot;",
      ]) {
        expect(message(echo)).not.toMatch(/e1/);
      }
    } finally {
      forget();
    }
  });

  it("server text is not quoted at all if it repeats a secret, and is checked before it is cut", () => {
    const forget = keepSecret(PASSWORD);
    try {
      expect(quoteServerText(`${"x".repeat(195)}${PASSWORD}`, 200)).toMatch(/^\[not shown/);
      expect(quoteServerText(`${"x".repeat(300)}`, 200)).toBe(`${"x".repeat(200)}…`);
    } finally {
      forget();
    }
  });

  it("a cause is a copy: class, name, message, code and stack, secrets blanked; nothing else", () => {
    const forget = keepSecret(COOKIE);
    try {
      const parser = Object.assign(new Error(`bad byte near ${COOKIE}`), {
        name: "HTTPParserError",
        code: "HPE_INVALID_HEADER_TOKEN",
        data: `X: ${COOKIE.slice(0, 6)}`, // raw bytes, perhaps a piece no check would know
        rawPacket: Buffer.from(COOKIE),
      });
      const cause = new TypeError("fetch failed", { cause: parser });
      const error = new DcsError("GET /x failed", { cause });
      const outer = error.cause as TypeError & { cause: Error & { code?: string } };
      expect(outer).toBeInstanceOf(TypeError);
      expect(outer.message).toBe("fetch failed");
      expect(outer.cause.name).toBe("HTTPParserError");
      expect(outer.cause.code).toBe("HPE_INVALID_HEADER_TOKEN");
      expect(outer.cause.message).toBe("bad byte near [redacted]");
      expect(Object.keys(outer.cause)).toEqual(["code"]);
      expect(everythingAbout(error)).not.toContain(COOKIE.slice(0, 6));
    } finally {
      forget();
    }
  });

  it("a session cookie is a secret from Set-Cookie until clear(), or until its jar is collected", async () => {
    const { SessionCookie } = await import("../../src/transport/cookie.js");
    const { setFlagsFromString } = await import("node:v8");
    const { runInNewContext } = await import("node:vm");
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const visible = (value: string) => new DcsError(`x ${value}`).message.includes(value);
    const take = (jar: InstanceType<typeof SessionCookie>, value: string) =>
      jar.update(
        new Headers({ "set-cookie": `COHERENT-DCS-API=${value}; Path=/` }),
        "https://dcs.test/DCSWebApi/x",
      );
    const jar = new SessionCookie("COHERENT-DCS-API", "https://dcs.test");
    take(jar, "ck-one-111");
    expect(visible("ck-one-111")).toBe(false);
    take(jar, "ck-two-222"); // replaced: the old value is no longer in use
    expect(visible("ck-one-111")).toBe(true);
    expect(visible("ck-two-222")).toBe(false);
    jar.clear();
    expect(visible("ck-two-222")).toBe(true);
    (() => take(new SessionCookie("COHERENT-DCS-API", "https://dcs.test"), "ck-lost-333"))();
    expect(visible("ck-lost-333")).toBe(false);
    for (let i = 0; i < 50 && !visible("ck-lost-333"); i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(visible("ck-lost-333")).toBe(true);
  });
});

describe("the CLI never prints a secret", () => {
  /** The real executable: all a process prints counts, Node's own messages included. */
  const run = async (args: string[], env: Record<string, string>) => {
    const { stdout, stderr } = await spawnDcs(args, env);
    return stdout + stderr;
  };

  it("with --verbose, through refusals, echoed cookies and broken bodies", async () => {
    const outputs: string[] = [];
    const env = { DCS_URL: `${hostile.url}/DCSWebApi`, DCS_USERNAME: "user" };
    outputs.push(await run(["meters", "--verbose"], { ...env, DCS_PASSWORD: `${PASSWORD}-no` }));
    refusal = "truncated";
    outputs.push(await run(["meters", "--verbose"], { ...env, DCS_PASSWORD: `${PASSWORD}-no` }));
    refusal = "echo";
    for (const m of ["ok", "echo-cookie", "html-500", "drop", "not-json"] as const) {
      mode = m;
      outputs.push(await run(["meters", "--verbose"], { ...env, DCS_PASSWORD: PASSWORD }));
    }
    const all = outputs.join("\n");
    expect(all).toMatch(/401/); // the runs really failed in the ways intended
    expect(all).toContain("GET /DCSWebApi/meters 200");
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain("Pw-9f3!correct ho");
    expect(all).not.toContain(COOKIE);
  });
});

describe("credentials over plain http", () => {
  const forbidden = async () => {
    throw new Error("no request may be sent");
  };
  it.each([
    "http://dcs.example.org",
    "http://10.0.0.5",
    "http://127.0.0.1.example.org",
    "http://localhost.example.org",
    "http://[::ffff:127.0.0.1]",
    "http://0.0.0.0",
  ])("are refused for %s before any request", async (origin) => {
    const fetch = vi.fn(forbidden);
    const web = new DcsWebApi(`${origin}/DCSWebApi`, { fetch });
    const legacy = new DcsSession(`${origin}/DCS`, { fetch });
    for (const attempt of [web.signIn("user", PASSWORD), legacy.login("user", PASSWORD)]) {
      const error = await attempt.catch((e) => e);
      expect(error).toBeInstanceOf(DcsArgumentError);
      expect(error.message).toMatch(/plain http/);
      expect(everythingAbout(error)).not.toContain(PASSWORD);
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it("are allowed to loopback hosts and over https", async () => {
    const fetch = vi.fn(forbidden);
    for (const url of ["http://127.0.0.1:1", "http://localhost:1", "https://dcs.example.org"]) {
      await new DcsWebApi(`${url}/DCSWebApi`, { fetch, retry: false })
        .signIn("user", PASSWORD)
        .catch(() => {});
    }
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});

describe("ids and query values are checked before any request", () => {
  const fetch = vi.fn(async () => {
    throw new Error("no request may be sent");
  });
  const web = new DcsWebApi("https://dcs.example.org/DCSWebApi", { fetch });
  const legacy = new DcsSession("https://dcs.example.org/DCS", { fetch });
  const day = { startTime: "2024-01-01", endTime: "2024-01-02" };

  it.each([
    "R1/../x?y=z",
    "R1?x=1",
    "R1#frag",
    "R1%2F..",
    "R1&id=R2",
    " R1",
    "R1\n",
    "R-1",
    "R1.5",
    "R99999999999",
    "VM1/../../admin",
    "",
  ])("DcsWebApi.readings refuses the id %j", async (id) => {
    await expect(web.readings(id, day)).rejects.toBeInstanceOf(DcsArgumentError);
    await expect(web.largeReadings(id, { ...day, maxWindowDays: 1 })).rejects.toBeInstanceOf(
      DcsArgumentError,
    );
  });

  it.each([
    ["periodType", { ...day, periodType: "halfHour&x=y" }],
    ["format", { ...day, format: "standard&x=y" }],
    ["startTime", { startTime: "2024-01-01&x=y", endTime: "2024-01-02" }],
    ["calibrated", { ...day, calibrated: "true&x=y" }],
  ])("DcsWebApi.readings refuses a query value smuggled into %s", async (_, options) => {
    await expect(web.readings("R1", options as never)).rejects.toBeInstanceOf(DcsArgumentError);
  });

  it.each(["1/../x?y=z", -1, 1.5, Number.NaN, 2 ** 32, "733"])(
    "DcsSession refuses the id %j for meters, virtual meters, readings and devices",
    async (id) => {
      const bad = id as number;
      await expect(legacy.getMeters(bad)).rejects.toBeInstanceOf(DcsArgumentError);
      await expect(legacy.getVms(bad)).rejects.toBeInstanceOf(DcsArgumentError);
      await expect(
        legacy.getReadings(bad, false, { start: "2024-01-01", end: "2024-01-02" }),
      ).rejects.toBeInstanceOf(DcsArgumentError);
      await expect(legacy.getModbusDevice(bad)).rejects.toBeInstanceOf(DcsArgumentError);
    },
  );

  it.each(["00:11:22:33:44:55/../x", "00:11:22:33:44:55?x=1", "zz:11:22:33:44:55", -1])(
    "DcsSession refuses the MAC address %j",
    async (mac) => {
      await expect(legacy.getIdcs(mac as string)).rejects.toBeInstanceOf(DcsArgumentError);
      await expect(legacy.getIdcSettings(mac as string)).rejects.toBeInstanceOf(DcsArgumentError);
    },
  );

  it.each(["../meters", "a/b", "a?b=c", "a#b", "%2e%2e", ".", "..", "", " id", 42])(
    "DcsSession refuses the user id %j",
    async (id) => {
      await expect(legacy.getUsers(id as string)).rejects.toBeInstanceOf(DcsArgumentError);
      await expect(legacy.deleteUser(id as string)).rejects.toBeInstanceOf(DcsArgumentError);
    },
  );

  it("DcsSession refuses query values outside their sets", async () => {
    for (const options of [
      { start: "2024-01-01", end: "2024-01-02", integrationPeriod: "day&x=y" },
      { start: "2024-01-01", end: "2024-01-02", source: "automatic&x=y" },
      { start: "2024-01-01&x=y", end: "2024-01-02" },
    ]) {
      await expect(legacy.getReadings(1, false, options as never)).rejects.toBeInstanceOf(
        DcsArgumentError,
      );
    }
  });

  afterAll(() => {
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("the simulator compares passwords in constant time", () => {
  it("compares SHA-256 digests, so both sides always have the same length", async () => {
    const digest = vi.spyOn(crypto.subtle, "digest");
    try {
      expect(await passwordsMatch("password", "password")).toBe(true);
      expect(await passwordsMatch("passwore", "password")).toBe(false);
      expect(await passwordsMatch("a-much-longer-guess-than-the-password", "password")).toBe(false);
      expect(await passwordsMatch("", "password")).toBe(false);
      expect(digest).toHaveBeenCalledTimes(8);
      for (const [algorithm] of digest.mock.calls) expect(algorithm).toBe("SHA-256");
    } finally {
      digest.mockRestore();
    }
  });

  it("constantTimeEqual is a full-length XOR fold: no early exit, refuses unequal lengths", () => {
    const a = new Uint8Array(32).fill(7);
    const first = a.slice();
    first[0] = 8;
    const last = a.slice();
    last[31] = 8;
    expect(constantTimeEqual(a, a.slice())).toBe(true);
    expect(constantTimeEqual(a, first)).toBe(false);
    expect(constantTimeEqual(a, last)).toBe(false);
    expect(constantTimeEqual(a, a.subarray(0, 31))).toBe(false);
    // Every byte is read whichever differs: count reads through a proxy.
    const reads = (other: Uint8Array) => {
      let n = 0;
      const counted = new Proxy(other, {
        get(target, key) {
          if (typeof key === "string" && /^\d+$/.test(key)) n++;
          const value = Reflect.get(target, key);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      constantTimeEqual(a, counted);
      return n;
    };
    expect(reads(first)).toBe(32);
    expect(reads(last)).toBe(32);
  });

  it("sign-in goes through the digest comparison, for unknown users too", async () => {
    const sim = createDcsSimulator();
    const digest = vi.spyOn(crypto.subtle, "digest");
    try {
      const signIn = (username: string, password: string) =>
        sim.fetch(
          new Request("http://dcs.test/DCSWebApi/authentication/signin", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ username, password }),
          }),
        );
      expect((await signIn("user", "password")).status).toBe(200);
      expect((await signIn("user", "wrong")).status).toBe(401);
      expect((await signIn("nobody", "password")).status).toBe(401);
      expect(digest).toHaveBeenCalledTimes(6);
    } finally {
      digest.mockRestore();
    }
  });
});
